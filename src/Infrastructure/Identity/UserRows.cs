using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Identity;

/// <summary>SQL for the users table, shared by the Identity store and sign-up (same transaction).</summary>
public static class UserRows
{
    private const string Columns = """
        tenant_id AS TenantId, user_id AS UserId, email, normalized_email AS NormalizedEmail, display_name AS DisplayName,
        password_hash AS PasswordHash, security_stamp AS SecurityStamp, concurrency_stamp AS ConcurrencyStamp,
        lockout_enabled AS LockoutEnabled, lockout_end AS LockoutEnd, access_failed_count AS AccessFailedCount,
        is_active AS IsActive, culture
        """;

    public static async Task InsertAsync(UnitOfWork uow, KtpUser user)
    {
        await uow.ExecuteAsync("""
            INSERT INTO users (user_id, email, normalized_email, display_name, password_hash, security_stamp, concurrency_stamp,
                               lockout_enabled, lockout_end, access_failed_count, is_active, culture)
            VALUES (@UserId, @Email, @NormalizedEmail, @DisplayName, @PasswordHash, @SecurityStamp, @ConcurrencyStamp,
                    @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @IsActive, @Culture)
            """, user);
        await SetRolesAsync(uow, user.UserId, user.Roles);
    }

    /// <summary>Saves the user if nobody changed it since it was read (concurrency stamp).</summary>
    public static async Task<bool> UpdateAsync(UnitOfWork uow, KtpUser user, string readStamp)
    {
        var rows = await uow.ExecuteAsync("""
            UPDATE users SET email = @Email, normalized_email = @NormalizedEmail, display_name = @DisplayName,
              password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
              lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount,
              is_active = @IsActive, culture = @Culture
            WHERE user_id = @UserId AND concurrency_stamp = @readStamp
            """, new { user.Email, user.NormalizedEmail, user.DisplayName, user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp,
                user.LockoutEnabled, user.LockoutEnd, user.AccessFailedCount, user.IsActive, user.Culture, user.UserId, readStamp });
        return rows == 1;
    }

    public static async Task SetRolesAsync(UnitOfWork uow, Guid userId, IEnumerable<string> roles)
    {
        await uow.ExecuteAsync("DELETE FROM user_roles WHERE user_id = @userId", new { userId });
        foreach (var role in roles.Distinct())
            await uow.ExecuteAsync("INSERT INTO user_roles (user_id, role_name) VALUES (@userId, @role)", new { userId, role });
    }

    public static async Task<KtpUser?> FindAsync(UnitOfWork uow, string where, object param)
    {
        var user = await uow.QuerySingleOrDefaultAsync<KtpUser>($"SELECT {Columns} FROM users WHERE {where}", param);
        if (user is null) return null;
        user.Roles = (await uow.QueryAsync<string>("SELECT role_name FROM user_roles WHERE user_id = @UserId ORDER BY role_name", user)).ToList();
        return user;
    }

    public static async Task<IReadOnlyList<string>> PrivilegesAsync(UnitOfWork uow, Guid userId) =>
        (await uow.QueryAsync<string>("""
            SELECT DISTINCT p FROM user_roles ur JOIN role_privileges rp USING (tenant_id, role_name), unnest(rp.privileges) p
            WHERE ur.user_id = @userId ORDER BY p
            """, new { userId })).ToList();
}
