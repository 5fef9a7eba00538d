using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Sessions;
using Ktp.Web.Hosting;
using Ktp.Web.Seed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
    public CircuitCounter Circuits => _app.Services.GetRequiredService<CircuitCounter>();

    public static async Task<LoadApp> StartAsync(string connectionString, int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(KtpServices).Assembly.GetName().Name, EnvironmentName = "Development" });
        builder.Configuration["ConnectionStrings:Ktp"] = connectionString;
        builder.Configuration["Logging:MinimumLevel"] = "Error"; // refusals under load are counted, not logged line by line
        // Marten logs every optimistic-concurrency conflict as an error although the app handles it (and the benchmark counts the refusal).
        builder.Configuration["Logging:Overrides:Marten"] = "Fatal";
        builder.Configuration["Database:MaxPoolSize"] = "100";
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddKtp();
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddScoped<CircuitHandler, CircuitCounter.Handler>();
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

    /// <summary>
    /// Operators of the demo project, one per browser page: two pages of one user racing on "take next" both get the same
    /// inquiry (taking what one already has is a no-op), which is not what a floor of operators does.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateOperatorsAsync(int count, string password, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var emails = Enumerable.Range(0, count).Select(i => $"load{i}.{run}@demo.ktp").ToList();
        foreach (var email in emails) // one at a time: each new user is an event on the tenant's one stream
        {
            await using var scope = Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(Tenant, Principal([.. Privilege.TenantPrivileges]));
            await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync(new CreateUser(email, "Load " + email[..email.IndexOf('@')], password, [Role.Operator]), ct);
        }
        await using var connection = new NpgsqlConnection(Services.GetRequiredService<DatabaseOptions>().OwnerConnectionString);
        await connection.OpenAsync(ct);
        await using var members = new NpgsqlCommand(
            "INSERT INTO project_members (tenant_id, project_id, user_id) SELECT tenant_id, @project, user_id FROM users WHERE email = ANY(@emails)", connection);
        members.Parameters.AddWithValue("project", DemoProject.ProjectId);
        members.Parameters.AddWithValue("emails", emails.ToArray());
        await members.ExecuteNonQueryAsync(ct);
        return emails;
    }

    /// <summary>Inquiries of the demo project waiting in the queue.</summary>
    public async Task<long> WaitingAsync(string queue, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Services.GetRequiredService<DatabaseOptions>().OwnerConnectionString);
        await connection.OpenAsync(ct);
        await using var count = new NpgsqlCommand(
            $"SELECT count(*) FROM inquiries WHERE project_id = @project AND queue_code = @queue AND status = {InquiryStatusSql.Waiting}", connection);
        count.Parameters.AddWithValue("project", DemoProject.ProjectId);
        count.Parameters.AddWithValue("queue", queue);
        return (long)(await count.ExecuteScalarAsync(ct))!;
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
