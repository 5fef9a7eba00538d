using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity store over Npgsql. Lookups by id carry their tenant in the id; lookups by
/// email use the tenant of the current request (the login page's tenant).
/// </summary>
public sealed class UserStore(KtpDatabase db, CurrentSession session) :
    IUserPasswordStore<KtpUser>, IUserEmailStore<KtpUser>, IUserLockoutStore<KtpUser>,
    IUserSecurityStampStore<KtpUser>, IUserRoleStore<KtpUser>
{
    public async Task<IdentityResult> CreateAsync(KtpUser user, CancellationToken ct)
    {
        if (user.TenantId == Guid.Empty) user.TenantId = session.TenantId;
        await using var uow = await db.BeginTenantAsync(user.TenantId, ct);
        await UserRows.InsertAsync(uow, user);
        await uow.CommitAsync(ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(KtpUser user, CancellationToken ct)
    {
        var readStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await using var uow = await db.BeginTenantAsync(user.TenantId, ct);
        if (!await UserRows.UpdateAsync(uow, user, readStamp))
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        await UserRows.SetRolesAsync(uow, user.UserId, user.Roles);
        await uow.CommitAsync(ct);
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(KtpUser user, CancellationToken ct) =>
        throw new NotSupportedException("Users are deactivated, never deleted: their actions stay in the history.");

    public async Task<KtpUser?> FindByIdAsync(string userId, CancellationToken ct)
    {
        if (!KtpUser.TryParseId(userId, out var tenantId, out var id)) return null;
        await using var uow = await db.BeginTenantAsync(tenantId, ct);
        return await UserRows.FindAsync(uow, "user_id = @id", new { id });
    }

    public async Task<KtpUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        await FindByEmailAsync(normalizedUserName, ct);

    public async Task<KtpUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct)
    {
        if (session.Tenant is null) return null;
        await using var uow = await db.BeginTenantAsync(session.TenantId, ct);
        return await UserRows.FindAsync(uow, "normalized_email = @normalizedEmail", new { normalizedEmail });
    }

    public Task<string> GetUserIdAsync(KtpUser user, CancellationToken ct) => Task.FromResult(user.Id);
    public Task<string?> GetUserNameAsync(KtpUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(KtpUser user, string? userName, CancellationToken ct) { user.Email = userName ?? user.Email; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(KtpUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(KtpUser user, string? normalizedName, CancellationToken ct) { user.NormalizedEmail = normalizedName ?? user.NormalizedEmail; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(KtpUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(KtpUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(KtpUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(KtpUser user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(KtpUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(KtpUser user, CancellationToken ct) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(KtpUser user, bool confirmed, CancellationToken ct) => Task.CompletedTask;
    public Task<string?> GetNormalizedEmailAsync(KtpUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(KtpUser user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(KtpUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(KtpUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(KtpUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(KtpUser user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(KtpUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(KtpUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(KtpUser user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(KtpUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(KtpUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task AddToRoleAsync(KtpUser user, string roleName, CancellationToken ct) { if (!user.Roles.Contains(roleName)) user.Roles.Add(roleName); return Task.CompletedTask; }
    public Task RemoveFromRoleAsync(KtpUser user, string roleName, CancellationToken ct) { user.Roles.Remove(roleName); return Task.CompletedTask; }
    public Task<IList<string>> GetRolesAsync(KtpUser user, CancellationToken ct) => Task.FromResult<IList<string>>(user.Roles.ToList());
    public Task<bool> IsInRoleAsync(KtpUser user, string roleName, CancellationToken ct) => Task.FromResult(user.Roles.Contains(roleName));

    public async Task<IList<KtpUser>> GetUsersInRoleAsync(string roleName, CancellationToken ct)
    {
        await using var uow = await db.BeginTenantAsync(session.TenantId, ct);
        var ids = await uow.QueryAsync<Guid>("SELECT user_id FROM user_roles WHERE role_name = @roleName", new { roleName }, ct: ct);
        var users = new List<KtpUser>();
        foreach (var id in ids) users.Add((await UserRows.FindAsync(uow, "user_id = @id", new { id }))!);
        return users;
    }

    public void Dispose() { }
}
