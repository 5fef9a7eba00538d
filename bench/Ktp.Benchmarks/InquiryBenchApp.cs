using System.Security.Claims;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Wolverine.Runtime;

namespace Ktp.Benchmarks;

/// <summary>
/// The app's own objects, wired as <c>KtpServices</c> wires them: the event type registry (tenancy + inquiry
/// events), Marten's store and Wolverine in a host (<see cref="BenchMessaging"/>; the async projections are
/// registered but no daemon runs here), the database with Wolverine's outbox, the event store with the inquiry
/// stream's inline projections (<see cref="InquiryProjection"/> and the back office's), <see cref="InquiryStream"/> and
/// <see cref="ProjectConfigStore"/>. Handlers get a <see cref="CurrentSession"/> for an operator of the tenant,
/// so every unit of work is the app role with the tenant set (row-level security on).
/// </summary>
public sealed class InquiryBenchApp : IAsyncDisposable
{
    private readonly IHost _host;

    private InquiryBenchApp(DatabaseOptions options, EventTypeRegistry registry, IHost host)
    {
        _host = host;
        Options = options;
        Registry = registry;
        Outbox = host.Services.GetRequiredService<IUnitOfWorkOutboxFactory>();
        Messaging = host.Services.GetRequiredService<IWolverineRuntime>();
        Db = new KtpDatabase(options, Outbox);
        Marten = (DocumentStore)host.Services.GetRequiredService<IDocumentStore>();
        var reader = new EventStreamReader(Marten, Registry);
        Projection = new InquiryProjection(reader, Projects);
        Store = new EventStore(Marten, Registry, [Projection, new ProblemLinkProjection(), new AttributeIndexProjection(), new RepeatInquiryProjection()]);
        Stream = new InquiryStream(Store);
    }

    /// <summary>Starts the host; the database must be migrated already (Wolverine's tables included).</summary>
    public static async Task<InquiryBenchApp> StartAsync(DatabaseOptions options, CancellationToken ct)
    {
        var registry = CreateRegistry();
        return new InquiryBenchApp(options, registry, await BenchMessaging.StartAsync(options, registry, ct));
    }

    public DatabaseOptions Options { get; }
    public KtpDatabase Db { get; }

    public IUnitOfWorkOutboxFactory Outbox { get; }
    public IWolverineRuntime Messaging { get; }
    public EventTypeRegistry Registry { get; }
    public DocumentStore Marten { get; }
    public EventStore Store { get; }
    public InquiryProjection Projection { get; }
    public InquiryStream Stream { get; }
    public ProjectConfigStore Projects { get; } = new();

    /// <summary>The Identity contract the back office search asks for names (a stateless reader).</summary>
    public Ktp.Infrastructure.Identity.Contracts.IPeopleDirectory People { get; } = new Ktp.Infrastructure.Identity.PeopleDirectory();

    public InquirySearch Search(CurrentSession session) => new(session, People);

    /// <summary>The registry exactly as <c>KtpServices.AddKtpEventStore</c> builds it.</summary>
    public static EventTypeRegistry CreateRegistry() => Ktp.Web.Hosting.KtpModules.EventTypes();

    /// <summary>A signed-in operator of <paramref name="tenant"/> (privilege inquiries.work), as the web request would set it.</summary>
    public CurrentSession Session(MeasureTenant tenant, Actor user)
    {
        var session = new CurrentSession(Db);
        var claims = new List<Claim>
        {
            new(KtpClaims.UserId, user.UserId!.Value.ToString()), new(KtpClaims.DisplayName, user.Name), new(KtpClaims.Privilege, Privilege.InquiriesWork),
        };
        session.Set(new TenantInfo(tenant.TenantId, tenant.Slug, tenant.Name, "ru", "customer", "active"), new ClaimsPrincipal(new ClaimsIdentity(claims, "bench")));
        return session;
    }

    public Task<NpgsqlConnection> OpenOwnerAsync(CancellationToken ct) => OpenOwnerAsync(Options, ct);

    public static async Task<NpgsqlConnection> OpenOwnerAsync(DatabaseOptions options, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(options.OwnerConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Settings as the app role sees them inside a tenant's unit of work, where commits happen.</summary>
    public async Task<ServerSettings> ReadSettingsAsync(Guid tenantId, CancellationToken ct)
    {
        await using var uow = await Db.BeginTenantAsync(tenantId, ct);
        async Task<string> Show(string name) => (await uow.ExecuteScalarAsync<string>("SELECT current_setting(@name)", new { name }, ct))!;
        return new ServerSettings(
            await Show("server_version"), await Show("synchronous_commit"), await Show("fsync"), await Show("wal_sync_method"),
            await Show("full_page_writes"), await Show("commit_delay"), await Show("shared_buffers"), await Show("max_connections"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose(); // disposes Marten's store too
        await Db.DisposeAsync();
    }
}

/// <summary>A tenant as the measurements see it: read back from the database (so <c>--reuse</c> works the same).</summary>
public sealed record MeasureTenant(Guid TenantId, string Slug, string Name, Guid ProjectId, long Inquiries, ProjectConfig Config,
    Guid[] Customers, Actor[] Operators);
