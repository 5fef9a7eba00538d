using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity.Contracts;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Infrastructure.Identity;

public sealed class TenantPeopleSetup(UserManager<KtpUser> users) : ITenantPeopleSetup
{
    public async Task<IReadOnlyList<string>> PasswordProblemsAsync(string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new KtpUser(), password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }
        return problems;
    }

    public async Task<Guid> CreateAsync(UnitOfWork uow, FirstAdmin admin, CancellationToken ct)
    {
        foreach (var role in Role.TenantRoles)
            await uow.ExecuteAsync("INSERT INTO role_privileges (role_name, privileges) VALUES (@role, @privileges)",
                new { role, privileges = Role.DefaultPrivileges(role).ToArray() }, ct);
        var user = new KtpUser
        {
            TenantId = uow.TenantId!.Value,
            UserId = Guid.NewGuid(),
            Email = admin.Email,
            NormalizedEmail = users.NormalizeEmail(admin.Email),
            DisplayName = admin.Name,
            Culture = admin.Culture,
            Roles = [Role.TenantAdmin],
        };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, admin.Password);
        await UserRows.InsertAsync(uow, user);
        return user.UserId;
    }
}
