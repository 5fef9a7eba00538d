using Alba;
using Ktp.Testing;
using Ktp.Web.Seed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests;

/// <summary>The whole app in-process under Alba, over its own fresh database seeded with the demo tenant.</summary>
public class KtpAlbaHost : IAsyncLifetime
{
    private readonly TestDatabase _database = new(dumpFile: null);
    private IAlbaHost? _host;

    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The host starts with the test class.");

    public IServiceProvider Services => Host.Services;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await AlbaHost.For<Program>(builder =>
        {
            KtpWebFactory.ConfigureTestHost(builder, _database.OwnerConnectionString);
            Configure(builder);
        });
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    /// <summary>What a test class changes on top of the common test settings.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await _database.DisposeAsync();
    }
}
