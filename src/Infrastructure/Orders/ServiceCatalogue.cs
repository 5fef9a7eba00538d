using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Orders;

/// <summary>The tenant's services: what can be ordered, with which parameters, carried out by which process.</summary>
public sealed class ServiceCatalogue(CurrentSession session)
{
    private sealed record Row(string Code, string Name, string? Description, string ProcessKey, string Parameters, string TaskRules);

    public async Task<IReadOnlyList<CatalogueService>> ListAsync(CancellationToken ct = default)
    {
        await using var uow = await session.BeginAsync(ct);
        return await ListAsync(uow, ct);
    }

    public static async Task<IReadOnlyList<CatalogueService>> ListAsync(UnitOfWork uow, CancellationToken ct) =>
        [.. (await uow.QueryAsync<Row>("""
            SELECT code, name, description, process_key AS ProcessKey, parameters::text AS Parameters, task_rules::text AS TaskRules
            FROM catalogue_services ORDER BY name
            """, ct: ct)).Select(ToService)];

    /// <summary>Adds the service, or replaces the one with its code.</summary>
    public async Task SaveAsync(CatalogueService service, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersConfigure);
        service.Validate();
        await using var uow = await session.BeginAsync(ct);
        if (!await uow.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM process_definitions WHERE key = @ProcessKey)", service, ct))
            throw new ValidationFailedException("processKey", $"No process \"{service.ProcessKey}\" is deployed.");
        await uow.ExecuteAsync("""
            INSERT INTO catalogue_services (code, name, description, process_key, parameters, task_rules, updated_by)
            VALUES (@Code, @Name, @Description, @ProcessKey, @parameters::jsonb, @taskRules::jsonb, @by)
            ON CONFLICT (tenant_id, code) DO UPDATE SET name = excluded.name, description = excluded.description, process_key = excluded.process_key,
              parameters = excluded.parameters, task_rules = excluded.task_rules, updated_by = excluded.updated_by, updated_at = now()
            """, new
        {
            service.Code, service.Name, service.Description, service.ProcessKey, by = session.UserName ?? "system",
            parameters = JsonSerializer.Serialize(service.Parameters, EventTypeRegistry.Json),
            taskRules = JsonSerializer.Serialize(service.TaskRules, EventTypeRegistry.Json),
        }, ct);
        await uow.CommitAsync(ct);
    }

    public async Task DeleteAsync(string code, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersConfigure);
        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("DELETE FROM catalogue_services WHERE code = @code", new { code }, ct);
        await uow.CommitAsync(ct);
    }

    private static CatalogueService ToService(Row row) => new(
        row.Code, row.Name, row.ProcessKey,
        JsonSerializer.Deserialize<List<ServiceParameter>>(row.Parameters, EventTypeRegistry.Json) ?? [],
        JsonSerializer.Deserialize<List<TaskRule>>(row.TaskRules, EventTypeRegistry.Json) ?? [])
    { Description = row.Description };
}
