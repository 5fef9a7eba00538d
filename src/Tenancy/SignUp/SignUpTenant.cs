using System.Net.Mail;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Tenancy.Tenants;
using Ktp.Tenancy.Users;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Ktp.Tenancy.SignUp;

/// <param name="AccountStartsOn">Only the demo seed backdates the account; sign-ups start today.</param>
public sealed record SignUpTenant(string CompanyName, string Slug, string AdminName, string AdminEmail, string Password, string Culture = "ru", DateOnly? AccountStartsOn = null);

public sealed record SignedUp(Guid TenantId, string Slug, Guid AdminUserId);

/// <summary>
/// Self sign-up: the tenant, its roles with default privileges, its first admin, the tenant's first
/// event and its trial account are written in one transaction, so a failure leaves nothing behind.
/// </summary>
public sealed class SignUpTenantHandler(KtpDatabase db, EventStore store, UserManager<KtpUser> users, TenantDirectory directory, Billing.OpenTrialAccount openAccount)
{
    public async Task<SignedUp> HandleAsync(SignUpTenant command, CancellationToken ct = default)
    {
        var companyName = command.CompanyName.Trim();
        var slug = command.Slug.Trim().ToLowerInvariant();
        var email = command.AdminEmail.Trim();
        var adminName = command.AdminName.Trim();
        await ValidateAsync(command, companyName, slug, email, adminName);

        var tenantId = Guid.NewGuid();
        var admin = new KtpUser
        {
            TenantId = tenantId,
            UserId = Guid.NewGuid(),
            Email = email,
            NormalizedEmail = users.NormalizeEmail(email),
            DisplayName = adminName,
            Culture = command.Culture,
            Roles = [Role.TenantAdmin],
        };
        admin.PasswordHash = users.PasswordHasher.HashPassword(admin, command.Password);

        await using var uow = await db.BeginTenantAsync(tenantId, ct);
        try
        {
            await uow.ExecuteAsync("INSERT INTO tenants (tenant_id, slug, name, culture) VALUES (@tenantId, @slug, @companyName, @Culture)",
                new { tenantId, slug, companyName, command.Culture });
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ValidationFailedException(nameof(SignUpTenant.Slug), "This address is already taken. Choose another one.");
        }
        await SeedRolesAsync(uow);
        await UserRows.InsertAsync(uow, admin);
        await store.AppendAsync(uow, tenantId, TenantStream.Type, EventStore.NoStream,
            [new TenantSignedUp(slug, companyName, command.Culture, admin.UserId, email)],
            new EventMetadata(admin.UserId, adminName));
        await openAccount.HandleAsync(uow, new EventMetadata(admin.UserId, adminName), command.AccountStartsOn, ct);
        await uow.CommitAsync(ct);
        directory.Forget(slug);
        return new SignedUp(tenantId, slug, admin.UserId);
    }

    public static async Task SeedRolesAsync(UnitOfWork uow)
    {
        foreach (var role in Role.TenantRoles)
            await uow.ExecuteAsync("INSERT INTO role_privileges (role_name, privileges) VALUES (@role, @privileges)",
                new { role, privileges = Role.DefaultPrivileges(role).ToArray() });
    }

    private async Task ValidateAsync(SignUpTenant command, string companyName, string slug, string email, string adminName)
    {
        var v = new Validation()
            .Require(companyName.Length is >= 2 and <= 200, nameof(command.CompanyName), "Company name must be 2 to 200 characters.")
            .Require(SlugRules.IsValid(slug), nameof(command.Slug), "Address must be 3–50 lower-case latin letters, digits or dashes, and not a reserved word.")
            .Require(adminName.Length is >= 1 and <= 200, nameof(command.AdminName), "Your name is required (up to 200 characters).")
            .Require(IsEmail(email), nameof(command.AdminEmail), "Enter a valid email address.")
            .Require(command.Culture is "ru" or "en", nameof(command.Culture), "Language must be Russian or English.");
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new KtpUser(), command.Password ?? "");
            foreach (var error in result.Errors) v.Add(nameof(command.Password), error.Description);
        }
        v.ThrowIfInvalid();
    }

    public static bool IsEmail(string email) =>
        email.Length <= 256 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.');
}
