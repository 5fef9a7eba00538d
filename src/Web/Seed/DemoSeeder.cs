using Ktp.Domain.Identity;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Web.Seed;

public sealed record DemoLogin(string Workspace, string Role, string Email, string Password);

/// <summary>
/// The demo: a platform tenant with a SaaS admin, and a Russian-speaking contact center with a user
/// for every role. Written through the same store as any tenant's data; running it again adds nothing.
/// </summary>
public sealed class DemoSeeder(KtpDatabase db, EventStore store, SignUpTenantHandler signUp, UserManager<KtpUser> users, IConfiguration config,
    Infrastructure.Billing.AccountStream accounts, Infrastructure.Billing.RateDay rating, TimeProvider clock, IServiceProvider services, TenantDirectory directory)
{
    public const string DemoSlug = "demo";

    private string Password => config["Demo:Password"] ?? "Demo-Password-1";

    private static readonly (string Role, string Email, string Name)[] DemoUsers =
    [
        (Role.Operator, "operator@demo.ktp", "Анна Иванова"),
        (Role.Operator, "operator2@demo.ktp", "Сергей Петров"),
        (Role.ProjectManager, "pm@demo.ktp", "Мария Смирнова"),
        (Role.ProjectGroupManager, "pgm@demo.ktp", "Олег Кузнецов"),
        (Role.Customer, "customer@demo.ktp", "ООО «Ромашка»"),
        (Role.Executor, "executor@demo.ktp", "Дмитрий Соколов"),
        (Role.QualitySpecialist, "qa@demo.ktp", "Елена Попова"),
        (Role.QualityLead, "qalead@demo.ktp", "Ирина Волкова"),
        (Role.Hr, "hr@demo.ktp", "Наталья Морозова"),
    ];

    public async Task<IReadOnlyList<DemoLogin>> SeedAsync(CancellationToken ct = default)
    {
        var logins = new List<DemoLogin>();
        logins.Add(await EnsurePlatformAsync(ct));
        var demo = await FindTenantAsync(DemoSlug, ct);
        if (demo is null)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var signedUp = await signUp.HandleAsync(new SignUpTenant("Демо Контакт-центр", DemoSlug, "Администратор Демо", "admin@demo.ktp", Password, "ru",
                AccountStartsOn: today.AddDays(-45)), ct);
            demo = signedUp.TenantId;
        }
        logins.Add(new DemoLogin(DemoSlug, Role.TenantAdmin, "admin@demo.ktp", Password));
        await using var uow = await db.BeginTenantAsync(demo.Value, ct);
        foreach (var (role, email, name) in DemoUsers)
        {
            await EnsureUserAsync(uow, demo.Value, email, name, [role]);
            logins.Add(new DemoLogin(DemoSlug, role, email, Password));
        }
        await DemoProject.SeedAsync(uow, [.. DemoUsers.Where(u => u.Role is Role.Operator or Role.Executor or Role.ProjectManager).Select(u => u.Email)],
            clock.GetUtcNow());
        await uow.CommitAsync(ct);
        await SeedBillingAsync(demo.Value, ct);
        var tenant = await directory.FindBySlugAsync(DemoSlug, ct);
        await DemoInquiries.SeedAsync(services, db, tenant!, DemoProject.ProjectId, ct);
        await DemoOrders.SeedAsync(services, db, tenant!, ct);
        return logins;
    }

    /// <summary>A paid bank transfer, some API usage, and every finished day rated, as the daily job would have done.</summary>
    private async Task SeedBillingAsync(Guid tenantId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        DateOnly startsOn;
        await using (var uow = await db.BeginTenantAsync(tenantId, ct))
        {
            var (state, _) = await accounts.LoadAsync(uow, ct);
            startsOn = state.StartsOn;
            if (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM account_ledger WHERE kind = 'adjustment'", ct: ct) == 0)
            {
                await accounts.DecideAsync(uow, new Domain.Billing.Adjust(Domain.Billing.Money.Of(30000m, state.Currency),
                    "Bank transfer, payment order 1187 (demo)", "admin@platform.ktp", clock.GetUtcNow().AddDays(-44)), EventMetadata.System, ct);
                for (var day = startsOn; day < today; day = day.AddDays(1))
                    await uow.ExecuteAsync("""
                        INSERT INTO usage_daily (day, kind, quantity) VALUES (@day, 'ApiCalls', @calls), (@day, 'Messages', @messages)
                        ON CONFLICT DO NOTHING
                        """, new { day = day.ToDateTime(TimeOnly.MinValue), calls = 2500 + day.DayNumber % 7 * 300, messages = 150 + day.DayNumber % 5 * 40 }, ct: ct);
            }
            await uow.CommitAsync(ct);
        }
        for (var day = startsOn; day < today; day = day.AddDays(1))
            await rating.RunAsync(tenantId, day, ct, new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(0, 10)), TimeSpan.Zero));
    }

    private async Task<DemoLogin> EnsurePlatformAsync(CancellationToken ct)
    {
        const string email = "admin@platform.ktp";
        var platform = await FindTenantAsync(TenantInfo.PlatformSlug, ct) ?? Guid.NewGuid();
        // Only the system role may set what makes a tenant privileged (migration 0016).
        await using (var system = await db.BeginSystemAsync(ct))
        {
            await system.ExecuteAsync("""
                INSERT INTO tenants (tenant_id, slug, name, culture, kind) VALUES (@platform, 'platform', 'KTP Platform', 'en', 'platform')
                ON CONFLICT (tenant_id) DO NOTHING
                """, new { platform }, ct: ct);
            await system.CommitAsync(ct);
        }
        await using var uow = await db.BeginTenantAsync(platform, ct);
        await uow.ExecuteAsync("INSERT INTO role_privileges (role_name, privileges) VALUES (@role, @privileges) ON CONFLICT DO NOTHING",
            new { role = Role.SaasAdmin, privileges = new[] { Privilege.PlatformAdmin } }, ct: ct);
        await EnsureUserAsync(uow, platform, email, "Platform Admin", [Role.SaasAdmin]);
        await uow.CommitAsync(ct);
        return new DemoLogin(TenantInfo.PlatformSlug, Role.SaasAdmin, email, Password);
    }

    private async Task EnsureUserAsync(UnitOfWork uow, Guid tenantId, string email, string name, List<string> roles)
    {
        var normalized = users.NormalizeEmail(email);
        if (await UserRows.FindAsync(uow, "normalized_email = @normalized", new { normalized }) is not null) return;
        var user = new KtpUser { TenantId = tenantId, UserId = Guid.NewGuid(), Email = email, NormalizedEmail = normalized, DisplayName = name, Roles = roles };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
        await UserRows.InsertAsync(uow, user);
        await store.AppendAsync(uow, tenantId, TenantStream.Type, null, [new TenantUserCreated(user.UserId, email, name, roles)], EventMetadata.System);
    }

    private async Task<Guid?> FindTenantAsync(string slug, CancellationToken ct)
    {
        await using var connection = await db.App.OpenConnectionAsync(ct);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT tenant_id FROM ktp_resolve_tenant($1)", connection);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = slug });
        return await cmd.ExecuteScalarAsync(ct) as Guid?;
    }
}
