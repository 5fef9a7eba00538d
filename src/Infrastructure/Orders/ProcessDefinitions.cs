using System.Collections.Concurrent;
using Ktp.Domain.Access;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Orders;

/// <remarks>Properties, not a constructor: Dapper converts timestamptz to DateTimeOffset only when assigning a property.</remarks>
public sealed record ProcessDefinitionRow
{
    public string Key { get; init; } = "";
    public int Version { get; init; }
    public string? Name { get; init; }
    public string DeployedBy { get; init; } = "";
    public DateTimeOffset DeployedAt { get; init; }
}

/// <summary>
/// Deployed BPMN diagrams, versioned per key: a deploy that the engine accepts becomes the next version; running
/// instances stay on theirs. Deployed versions never change, so a node keeps each one it has read.
/// </summary>
public sealed class ProcessDefinitions
{
    private readonly ConcurrentDictionary<(Guid Tenant, string Key, int Version), ProcessDefinition> _deployed = new();

    /// <summary>The latest version of each process of the tenant.</summary>
    public async Task<IReadOnlyList<ProcessDefinitionRow>> LatestAsync(UnitOfWork uow, CancellationToken ct) =>
        [.. await uow.QueryAsync<ProcessDefinitionRow>("""
            SELECT DISTINCT ON (key) key, version, name, deployed_by AS DeployedBy, deployed_at AS DeployedAt
            FROM process_definitions ORDER BY key, version DESC
            """, ct: ct)];

    public async Task<IReadOnlyList<ProcessDefinitionRow>> VersionsAsync(UnitOfWork uow, string key, CancellationToken ct) =>
        [.. await uow.QueryAsync<ProcessDefinitionRow>("""
            SELECT key, version, name, deployed_by AS DeployedBy, deployed_at AS DeployedAt FROM process_definitions WHERE key = @key ORDER BY version DESC
            """, new { key }, ct)];

    public Task<string?> XmlAsync(UnitOfWork uow, string key, int? version, CancellationToken ct) =>
        uow.QuerySingleOrDefaultAsync<string>("""
            SELECT xml FROM process_definitions WHERE key = @key AND (@version::int IS NULL OR version = @version) ORDER BY version DESC LIMIT 1
            """, new { key, version }, ct);

    /// <summary>
    /// Checks <paramref name="xml"/> with the engine and stores it as the next version of its process. An unchanged
    /// diagram makes no new version.
    /// </summary>
    /// <exception cref="DeploymentRefusedException">The engine cannot run it; every reason names its element.</exception>
    public async Task<ProcessDefinitionRow> DeployAsync(CurrentSession session, string xml, CancellationToken ct)
    {
        session.Demand(Privilege.OrdersConfigure);
        var checkedDefinition = BpmnDeployer.Deploy(xml, 1);
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('process_definitions:' || @key))", new { key = checkedDefinition.Key }, ct);
        var latest = await uow.QuerySingleOrDefaultAsync<(int Version, string Xml)?>(
            "SELECT version, xml FROM process_definitions WHERE key = @key ORDER BY version DESC LIMIT 1", new { key = checkedDefinition.Key }, ct);
        if (latest is { } same && same.Xml == xml)
            return (await VersionsAsync(uow, checkedDefinition.Key, ct))[0];
        var version = (latest?.Version ?? 0) + 1;
        await uow.ExecuteAsync("""
            INSERT INTO process_definitions (key, version, name, xml, deployed_by) VALUES (@key, @version, @name, @xml, @by)
            """, new { key = checkedDefinition.Key, version, name = checkedDefinition.Name, xml, by = session.UserName ?? "system" }, ct);
        var row = (await VersionsAsync(uow, checkedDefinition.Key, ct))[0];
        await uow.CommitAsync(ct);
        return row;
    }

    /// <summary>The definition an instance runs on, or the latest when <paramref name="version"/> is null; null when none is deployed.</summary>
    public async Task<ProcessDefinition?> FindAsync(UnitOfWork uow, string key, int? version, CancellationToken ct)
    {
        var tenant = uow.TenantId ?? throw new InvalidOperationException("Process definitions belong to a tenant.");
        if (version is { } v && _deployed.TryGetValue((tenant, key, v), out var known)) return known;
        var row = await uow.QuerySingleOrDefaultAsync<(int Version, string Xml)?>("""
            SELECT version, xml FROM process_definitions WHERE key = @key AND (@version::int IS NULL OR version = @version) ORDER BY version DESC LIMIT 1
            """, new { key, version }, ct);
        if (row is not { } found) return null;
        return _deployed.GetOrAdd((tenant, key, found.Version), _ => BpmnDeployer.Deploy(found.Xml, found.Version));
    }

    public async Task<ProcessDefinition> GetAsync(UnitOfWork uow, string key, int version, CancellationToken ct) =>
        await FindAsync(uow, key, version, ct) ?? throw new InvalidOperationException($"Process {key} version {version} is not deployed.");
}
