using System.Net.Http.Headers;
using System.Security.Claims;
using Alba;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Sessions;
using Ktp.Testing;
using Ktp.Web.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ktp.Web.Tests;

/// <summary>The whole app in-process under Alba, over its own fresh database seeded with the demo tenant.</summary>
public class KtpHost : IAsyncLifetime, IAsyncDisposable
{
    public const string Password = "Demo-Password-1";

    private IAlbaHost? _host;

    public KtpHost() : this(dumpFile: null) { }

    /// <param name="dumpFile">A pg_dump to restore instead of a fresh migrated database.</param>
    protected KtpHost(string? dumpFile) => Database = new TestDatabase(dumpFile);

    public TestDatabase Database { get; }

    /// <summary>The running app: Alba scenarios go through it.</summary>
    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The app is not started yet.");

    public IServiceProvider Services => Host.Services;

    protected virtual string ConnectionString => Database.OwnerConnectionString;

    public virtual async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await StartAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    /// <summary>Starts the app once (a test over a database it prepares itself starts it when that is done).</summary>
    public async Task StartAsync() => _host ??= await AlbaHost.For<Program>(ConfigureWebHost);

    /// <summary>The settings every test host runs with; a test class adds its own on top.</summary>
    protected virtual void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Ktp", ConnectionString);
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Logging:MinimumLevel", "Warning");
        builder.UseSetting("Stripe:SelfUrl", "http://localhost");
        // A failing handler becomes a dead letter within a second instead of after minutes of backoff.
        builder.UseSetting("Messaging:RetrySeconds", "0.1,0.2");
        // A failed service call is tried again after 0.2 s (then 0.4 s...) instead of 5 s.
        builder.UseSetting("Orders:FirstRetrySeconds", "0.2");
        builder.UseSetting("Orders:PollSeconds", "0.2");
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser whose redirects a test inspects.</summary>
    public HttpClient Browser() =>
        new(new CookieContainerHandler { InnerHandler = Host.Server.CreateHandler() }) { BaseAddress = Host.Server.BaseAddress };

    /// <summary>A new API key of <paramref name="tenant"/> holding <paramref name="scopes"/>, made by an admin who holds them.</summary>
    public async Task<string> ApiKeyAsync(TenantInfo tenant, params string[] scopes)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(KtpClaims.Privilege, Privilege.SettingsManage), new Claim(KtpClaims.DisplayName, "test"), .. scopes.Select(p => new Claim(KtpClaims.Privilege, p))], "test")));
        return (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("integration", scopes)).Key;
    }

    /// <summary>A client calling the API with a new key of <paramref name="tenant"/> (for tests that drive many calls at once).</summary>
    public async Task<HttpClient> ApiKeyClientAsync(TenantInfo tenant, params string[] scopes)
    {
        var client = Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiKeyAsync(tenant, scopes));
        return client;
    }

    /// <summary>Signs in through the real login form and returns the cookie-carrying client.</summary>
    public async Task<HttpClient> SignedInAsync(string slug, string email, string password = Password)
    {
        var client = Browser();
        var response = await SignInAsync(client, slug, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string slug, string email, string password) =>
        HtmlForms.SubmitAsync(client, $"/t/{slug}/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The app reaches PostgreSQL through a proxy the test can cut.</summary>
public sealed class ProxiedKtpHost : KtpHost
{
    private TcpProxy? _proxy;

    public TcpProxy Proxy => _proxy!;

    public override async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString);
        _proxy = new TcpProxy(server.Host!, server.Port);
        _proxy.Start();
        await base.InitializeAsync();
    }

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(Database.OwnerConnectionString) { Host = "127.0.0.1", Port = Proxy.Port, Timeout = 3 }.ConnectionString;
}

/// <summary>The app with a hand-moved clock.</summary>
public sealed class ClockedKtpHost : KtpHost
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
