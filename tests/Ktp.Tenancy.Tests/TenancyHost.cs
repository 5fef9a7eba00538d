using System.Security.Claims;
using Ktp.Domain.Billing;
using Ktp.Domain.Identity;
using Ktp.Infrastructure.Billing;
using Ktp.Infrastructure.Billing.Contracts;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Identity.Contracts;
using Ktp.Tenancy.Tenants;
using Ktp.Testing;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Tenancy.Tests;

/// <summary>The tenancy services wired as the app wires them, over a fresh database.</summary>
public sealed class TenancyHost : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Database.Db);
        var registry = new EventTypeRegistry().Register(TenantEventNames.All).Register(IdentityEventNames.All).Register(AccountEventNames.All);
        services.AddSingleton(registry);
        services.AddSingleton<Marten.IDocumentStore>(Marten.DocumentStore.For(opts =>
        {
            MartenEventStore.ConfigureSchema(opts, Database.Options.BuildSystemConnectionString());
            registry.ConfigureMarten(opts);
        }));
        services.AddSingleton<EventStore>();
        AddModuleServices(services);
        services.AddDataProtection();
        services.AddIdentityCore<KtpUser>().AddUserStore<UserStore>().AddDefaultTokenProviders();
        Services = services.BuildServiceProvider();
    }

    /// <summary>What sign-up, user admin and billing need, as their modules register them in the app.</summary>
    private static void AddModuleServices(ServiceCollection services)
    {
        services.AddSingleton<TenantDirectory>();
        services.AddScoped<CurrentSession>();
        services.AddScoped<SignUpTenantHandler>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<RolePrivilegesAdmin>();
        services.AddScoped<ApiKeyAdmin>();
        services.AddScoped<ITenantPeopleSetup, TenantPeopleSetup>();
        services.AddSingleton<IPeopleDirectory, PeopleDirectory>();
        services.AddSingleton<AccountStream>();
        services.AddSingleton<IInlineProjection, AccountProjection>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<IAccountOpening, OpenTrialAccount>();
        services.AddScoped<BillingQueries>();
        services.AddScoped<PlatformBilling>();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    public async Task<SignedUp> SignUpAsync(string? slug = null)
    {
        slug ??= "t-" + Guid.NewGuid().ToString("N")[..10];
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
            .HandleAsync(new SignUpTenant("Company " + slug, slug, "Admin", $"admin@{slug}.test", "Strong-Password-1", "en"));
    }

    /// <summary>A scope acting as a signed-in user of <paramref name="tenant"/> holding <paramref name="privileges"/>.</summary>
    public IServiceScope ActingAs(SignedUp tenant, params string[] privileges) => ActingAsKind(tenant, "customer", privileges);

    public IServiceScope ActingAsKind(SignedUp tenant, string kind, params string[] privileges)
    {
        var scope = Services.CreateScope();
        var claims = new List<Claim> { new(KtpClaims.UserId, tenant.AdminUserId.ToString()), new(KtpClaims.DisplayName, "Tester") };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(
            new TenantInfo(tenant.TenantId, tenant.Slug, "Company", "en", kind, "active"),
            new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }
}
