using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Identity.Contracts;

public sealed record FirstAdmin(string Name, string Email, string Password, string Culture);

/// <summary>What sign-up asks of Identity: check a password, then give a new tenant its roles and first admin.</summary>
public interface ITenantPeopleSetup
{
    /// <summary>Why the password is refused (the password policy), or nothing.</summary>
    Task<IReadOnlyList<string>> PasswordProblemsAsync(string password);

    /// <summary>Inside the sign-up transaction: the tenant's roles with default privileges and its admin; returns the admin's id.</summary>
    Task<Guid> CreateAsync(UnitOfWork uow, FirstAdmin admin, CancellationToken ct);
}
