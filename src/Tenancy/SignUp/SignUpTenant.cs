using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;
using Ktp.Tenancy.Tenants;
using Ktp.Infrastructure.Billing.Contracts;
using Ktp.Infrastructure.Identity.Contracts;
using Npgsql;

namespace Ktp.Tenancy.SignUp;

/// <param name="AccountStartsOn">Only the demo seed backdates the account; sign-ups start today.</param>
public sealed record SignUpTenant(string CompanyName, string Slug, string AdminName, string AdminEmail, string Password, string Culture = "ru", DateOnly? AccountStartsOn = null);

public sealed record SignedUp(Guid TenantId, string Slug, Guid AdminUserId);

/// <summary>
/// Self sign-up: the tenant, its roles with default privileges, its first admin, the tenant's first
/// event and its trial account are written in one transaction, so a failure leaves nothing behind.
/// </summary>
public sealed class SignUpTenantHandler(KtpDatabase db, EventStore store, ITenantPeopleSetup people, TenantDirectory directory, IAccountOpening accounts)
{
    public async Task<SignedUp> HandleAsync(SignUpTenant command, CancellationToken ct = default)
    {
        var companyName = command.CompanyName.Trim();
        var slug = command.Slug.Trim().ToLowerInvariant();
        var email = command.AdminEmail.Trim();
        var adminName = command.AdminName.Trim();
        await ValidateAsync(command, companyName, slug, email, adminName);

        var tenantId = Guid.NewGuid();
        await using var uow = await db.BeginTenantAsync(tenantId, ct);
        try
        {
            await uow.ExecuteAsync("INSERT INTO tenants (tenant_id, slug, name, culture) VALUES (@tenantId, @slug, @companyName, @Culture)", new { tenantId, slug, companyName, command.Culture }, ct: ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ValidationFailedException(nameof(SignUpTenant.Slug), "This address is already taken. Choose another one.");
        }
        var adminId = await people.CreateAsync(uow, new FirstAdmin(adminName, email, command.Password, command.Culture), ct);
        var metadata = new EventMetadata(adminId, adminName);
        await store.AppendAsync(uow, tenantId, TenantStream.Type, EventStore.NoStream,
            [new TenantSignedUp(slug, companyName, command.Culture, adminId, email)], metadata, ct);
        await accounts.OpenTrialAsync(uow, metadata, command.AccountStartsOn, ct);
        await uow.CommitAsync(ct);
        directory.Forget(slug);
        return new SignedUp(tenantId, slug, adminId);
    }

    private async Task ValidateAsync(SignUpTenant command, string companyName, string slug, string email, string adminName)
    {
        var v = new Validation()
            .Require(companyName.Length is >= 2 and <= 200, nameof(command.CompanyName), "Company name must be 2 to 200 characters.")
            .Require(SlugRules.IsValid(slug), nameof(command.Slug), "Address must be 3–50 lower-case latin letters, digits or dashes, and not a reserved word.")
            .Require(adminName.Length is >= 1 and <= 200, nameof(command.AdminName), "Your name is required (up to 200 characters).")
            .Require(EmailAddresses.IsValid(email), nameof(command.AdminEmail), "Enter a valid email address.")
            .Require(command.Culture is "ru" or "en", nameof(command.Culture), "Language must be Russian or English.");
        foreach (var problem in await people.PasswordProblemsAsync(command.Password ?? ""))
            v.Add(nameof(command.Password), problem);
        v.ThrowIfInvalid();
    }
}
