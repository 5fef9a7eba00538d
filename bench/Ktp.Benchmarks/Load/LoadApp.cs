using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Sessions;
using Ktp.Web.Hosting;
using Ktp.Web.Seed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Benchmarks.Load;

/// <summary>
/// The real app (<c>AddKtp</c> + <c>UseKtp</c>, Kestrel on loopback) in this process, so the in-process baseline and the
/// HTTP phases run against the same objects and the same database in one run.
/// </summary>
public sealed class LoadApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoadApp(WebApplication app, string url, TenantInfo tenant)
    {
        _app = app;
        Url = url;
        Tenant = tenant;
    }

    public string Url { get; }
    public TenantInfo Tenant { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<LoadApp> StartAsync(string connectionString, int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(KtpServices).Assembly.GetName().Name, EnvironmentName = "Development" });
        builder.Configuration["ConnectionStrings:Ktp"] = connectionString;
        builder.Configuration["Logging:MinimumLevel"] = "Error"; // refusals under load are counted, not logged line by line
        builder.Configuration["Database:MaxPoolSize"] = "100";
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddKtp();
        var app = builder.Build();
        await app.MigrateOnStartAsync();
        app.UseKtp();
        await app.StartAsync(ct);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        var tenant = await app.Services.GetRequiredService<TenantDirectory>().FindBySlugAsync(DemoSeeder.DemoSlug, ct)
            ?? throw new InvalidOperationException("The demo tenant is missing.");
        return new LoadApp(app, $"http://127.0.0.1:{port}", tenant);
    }

    /// <summary>API keys of the demo tenant, each an integration with its own rate limit.</summary>
    public async Task<IReadOnlyList<string>> CreateKeysAsync(int count, CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(Tenant, Principal(Privilege.SettingsManage, Privilege.InquiriesWork));
        var admin = scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>();
        var keys = new List<string>();
        for (var i = 0; i < count; i++) keys.Add((await admin.CreateAsync($"load-{i}-{Guid.NewGuid():N}"[..20], [Privilege.InquiriesWork], ct)).Key);
        return keys;
    }

    /// <summary>The same registration the API makes, called directly: what the app does without HTTP.</summary>
    public async Task<RegisteredContact> RegisterInProcessAsync(RegisterContactCommand command, CancellationToken ct)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(Tenant, Principal(Privilege.InquiriesWork));
        return await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(command, ct);
    }

    private ClaimsPrincipal Principal(params string[] privileges) => new(new ClaimsIdentity(
        [new Claim(KtpClaims.TenantId, Tenant.TenantId.ToString()), new Claim(ClaimTypes.NameIdentifier, "load"), .. privileges.Select(p => new Claim(KtpClaims.Privilege, p))], "load"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
