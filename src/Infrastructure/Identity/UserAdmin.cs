using Ktp.Domain.Identity;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Ktp.Infrastructure.Identity;

/// <summary>A class, not a positional record: Dapper maps text[] columns through setters only.</summary>
public sealed class UserRow
{
    public Guid UserId { get; set; }
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; }
    public DateTime? LockoutEnd { get; set; }
    public string[] Roles { get; set; } = [];

    /// <summary>Invited and has not set a password yet.</summary>
    public bool Invited { get; set; }
}

/// <summary>A new user. Without a password the user is invited: they set one through the link of the invitation e-mail.</summary>
public sealed record CreateUser(string Email, string DisplayName, string? Password, IReadOnlyList<string> Roles)
{
    public bool IsInvitation => string.IsNullOrEmpty(Password);
}

public sealed record ChangeUser(Guid UserId, IReadOnlyList<string> Roles, bool IsActive);

/// <summary>The tenant admin's user management. Every change is also an event in the tenant's stream.</summary>
public sealed class UserAdmin(CurrentSession session, EventStore store, UserManager<KtpUser> users)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.UsersManage);
        await using var uow = await session.BeginAsync(ct);
        return (await uow.QueryAsync<UserRow>("""
            SELECT u.user_id AS UserId, u.email, u.display_name AS DisplayName, u.is_active AS IsActive, u.lockout_end AS LockoutEnd,
                   u.password_hash IS NULL AS Invited,
                   coalesce(array_agg(r.role_name ORDER BY r.role_name) FILTER (WHERE r.role_name IS NOT NULL), '{}') AS Roles
            FROM users u LEFT JOIN user_roles r USING (tenant_id, user_id)
            GROUP BY u.user_id, u.email, u.display_name, u.is_active, u.lockout_end, u.password_hash ORDER BY u.display_name
            """, ct: ct)).ToList();
    }

    public async Task<Guid> CreateAsync(CreateUser command, CancellationToken ct = default)
    {
        session.Demand(Privilege.UsersManage);
        var email = command.Email.Trim();
        var name = command.DisplayName.Trim();
        var v = new Validation()
            .Require(EmailAddresses.IsValid(email), nameof(command.Email), "Enter a valid email address.")
            .Require(name.Length is >= 1 and <= 200, nameof(command.DisplayName), "Name is required (up to 200 characters).")
            .Require(command.Roles.Count > 0, nameof(command.Roles), "Choose at least one role.")
            .Require(command.Roles.All(Role.TenantRoles.Contains), nameof(command.Roles), "Unknown role.");
        if (!command.IsInvitation)
            foreach (var validator in users.PasswordValidators)
                foreach (var error in (await validator.ValidateAsync(users, new KtpUser(), command.Password!)).Errors)
                    v.Add(nameof(command.Password), error.Description);
        v.ThrowIfInvalid();

        var user = new KtpUser
        {
            TenantId = session.TenantId,
            UserId = Guid.NewGuid(),
            Email = email,
            NormalizedEmail = users.NormalizeEmail(email),
            DisplayName = name,
            Roles = command.Roles.Distinct().ToList(),
        };
        if (!command.IsInvitation) user.PasswordHash = users.PasswordHasher.HashPassword(user, command.Password!);

        await using var uow = await session.BeginAsync(ct);
        await DemandCanGrantAsync(uow, user.Roles, ct);
        try
        {
            await UserRows.InsertAsync(uow, user);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ValidationFailedException(nameof(command.Email), "A user with this email already exists.");
        }
        await store.AppendAsync(uow, session.TenantId, TenantStream.Type, null, [new TenantUserCreated(user.UserId, email, name, user.Roles)], session.Metadata(), ct);
        await uow.CommitAsync(ct);
        return user.UserId;
    }

    public async Task ChangeAsync(ChangeUser command, CancellationToken ct = default)
    {
        session.Demand(Privilege.UsersManage);
        new Validation()
            .Require(command.Roles.Count > 0, nameof(command.Roles), "Choose at least one role.")
            .Require(command.Roles.All(Role.TenantRoles.Contains), nameof(command.Roles), "Unknown role.")
            .Require(command.UserId != session.UserId || (command.IsActive && command.Roles.Contains(Role.TenantAdmin)),
                nameof(command.Roles), "You cannot deactivate yourself or remove your own admin role.")
            .ThrowIfInvalid();

        await using var uow = await session.BeginAsync(ct);
        var current = await uow.QueryAsync<string>("SELECT role_name FROM user_roles WHERE user_id = @UserId", new { command.UserId }, ct);
        await DemandCanGrantAsync(uow, command.Roles.Except(current), ct);
        var rows = await uow.ExecuteAsync("""
            UPDATE users SET is_active = @IsActive, security_stamp = @stamp, concurrency_stamp = @stamp WHERE user_id = @UserId
            """, new { command.IsActive, command.UserId, stamp = Guid.NewGuid().ToString("N") }, ct: ct);
        if (rows == 0) throw new ValidationFailedException(nameof(command.UserId), "No such user.");
        await UserRows.SetRolesAsync(uow, command.UserId, command.Roles);
        await store.AppendAsync(uow, session.TenantId, TenantStream.Type, null, [new TenantUserChanged(command.UserId, command.Roles, command.IsActive)], session.Metadata(), ct);
        await uow.CommitAsync(ct);
    }

    /// <summary>Roles carry the privileges the tenant configured for them: those are what is granted.</summary>
    private async Task DemandCanGrantAsync(UnitOfWork uow, IEnumerable<string> roles, CancellationToken ct)
    {
        var privileges = await uow.QueryAsync<string>(
            "SELECT DISTINCT p FROM role_privileges, unnest(privileges) p WHERE role_name = ANY(@roles)", new { roles = roles.ToArray() }, ct);
        session.DemandCanGrant(privileges, nameof(CreateUser.Roles));
    }
}
