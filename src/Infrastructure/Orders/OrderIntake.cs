using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Orders;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Orders;

public sealed record NewOrderService(string Code, IReadOnlyDictionary<string, JsonElement>? Parameters = null);

public sealed record NewOrder(OrderCustomer Customer, IReadOnlyList<NewOrderService> Services, string? ExternalId = null,
    IReadOnlyDictionary<string, JsonElement>? Parameters = null);

/// <param name="Created">False when the idempotency key had already placed this order.</param>
public sealed record PlacedOrder(Guid OrderId, long Number, bool Created);

/// <summary>
/// Places an order, from a CRM through the API or by hand: checks each service's parameters against the catalogue,
/// decides the tasks each service needs, and starts each service's process, all in one transaction.
/// </summary>
public sealed class OrderIntake(CurrentSession session, OrderStream orders, ServiceStream services, ProcessDefinitions definitions, TimeProvider clock)
{
    public async Task<PlacedOrder> PlaceAsync(NewOrder order, string? idempotencyKey = null, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        if (idempotencyKey is { Length: > 200 }) throw new ValidationFailedException("Idempotency-Key", "At most 200 characters.");
        if (await ExistingAsync(idempotencyKey, ct) is { } existing) return existing;

        var number = await session.ScalarAsync<long>("""
            INSERT INTO order_numbers AS n (last_number) VALUES (1) ON CONFLICT (tenant_id) DO UPDATE SET last_number = n.last_number + 1 RETURNING last_number
            """, [], ct);
        var orderId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        await using var uow = await session.BeginAsync(ct);
        if (idempotencyKey is not null &&
            await uow.ExecuteAsync("INSERT INTO order_requests (idempotency_key, order_id) VALUES (@idempotencyKey, @orderId) ON CONFLICT DO NOTHING",
                new { idempotencyKey, orderId }, ct) == 0)
        {
            await uow.DisposeAsync();
            return await ExistingAsync(idempotencyKey, ct) ?? throw new InvalidOperationException("The idempotency key vanished.");
        }

        var catalogue = (await ServiceCatalogue.ListAsync(uow, ct)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        var orderParameters = order.Parameters ?? ProcessVariables.None;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(order.Customer?.Name)) errors["customer.name"] = ["Name the customer."];
        var ordered = CheckServices(order.Services, catalogue, errors);
        var placed = new OrderPlaced(orderId, number, order.ExternalId, order.Customer!, orderParameters,
            [.. ordered.Select(o => new OrderedService(Guid.NewGuid(), o.Service.Code, o.Service.Name, o.Parameters))], session.UserName ?? "system", now);
        var metadata = session.Metadata();
        await orders.StartAsync(uow, orderId, metadata, ct, new PlaceOrder(placed));
        await StartProcessesAsync(uow, placed, placed.Services, ordered, metadata, ct);
        await uow.CommitAsync(ct);
        return new PlacedOrder(orderId, number, true);
    }

    /// <summary>Changes an open order: more services, each starting its process as at placing.</summary>
    public async Task AddServicesAsync(Guid orderId, IReadOnlyList<NewOrderService> services, CancellationToken ct = default)
    {
        session.Demand(Privilege.OrdersManage);
        await using var uow = await session.BeginAsync(ct);
        var (_, events) = await orders.LoadAsync(uow, orderId, ct: ct);
        var placed = events.Select(e => e.Data).OfType<OrderPlaced>().FirstOrDefault() ?? throw new ProcessItemNotFoundException($"There is no order {orderId}.");
        var catalogue = (await ServiceCatalogue.ListAsync(uow, ct)).ToDictionary(s => s.Code, StringComparer.Ordinal);
        var ordered = CheckServices(services, catalogue, []);
        var added = new ServicesAdded([.. ordered.Select(o => new OrderedService(Guid.NewGuid(), o.Service.Code, o.Service.Name, o.Parameters))],
            session.UserName ?? "system", clock.GetUtcNow());
        var metadata = session.Metadata();
        await orders.DecideAsync(uow, orderId, metadata, ct, new AddServices(added));
        await StartProcessesAsync(uow, placed, added.Services, ordered, metadata, ct);
        await uow.CommitAsync(ct);
    }

    private async Task StartProcessesAsync(UnitOfWork uow, OrderPlaced order, IEnumerable<OrderedService> started,
        IEnumerable<(CatalogueService Service, IReadOnlyDictionary<string, JsonElement> Parameters)> ordered, Events.EventMetadata metadata, CancellationToken ct)
    {
        foreach (var (service, (catalogued, _)) in started.Zip(ordered))
        {
            var definition = await definitions.FindAsync(uow, catalogued.ProcessKey, null, ct)
                ?? throw new ValidationFailedException("services", $"The process of \"{catalogued.Name}\" is not deployed.");
            await services.StartAsync(uow, service.ServiceId, metadata, ct,
                new RunProcess(definition, new StartProcess(service.ServiceId.ToString("N"), Variables(order, service, catalogued), clock.GetUtcNow())));
        }
    }

    /// <summary>What the task rules and the process see: <c>order</c>, <c>service</c>, <c>customer</c>, the <c>tasks</c> the rules chose and <c>orderNumber</c>.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Variables(OrderPlaced order, OrderedService service, CatalogueService catalogued)
    {
        var orderData = ToObject(order.Parameters);
        orderData["number"] = order.Number;
        orderData["externalId"] = order.ExternalId;
        var serviceData = ToObject(service.Parameters);
        serviceData["code"] = service.Code;
        var data = new JsonObject
        {
            ["order"] = orderData,
            ["service"] = serviceData,
            ["customer"] = JsonSerializer.SerializeToNode(order.Customer, Events.EventTypeRegistry.Json),
        };
        var tasks = new JsonObject();
        foreach (var task in TaskGeneration.TasksFor(catalogued, data)) tasks[task.Code] = true;
        data["tasks"] = tasks;
        // A message catch event correlates on a top-level variable: the order's number is the natural key.
        data["orderNumber"] = order.Number;
        return data.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value));
    }

    private static JsonObject ToObject(IReadOnlyDictionary<string, JsonElement> values)
    {
        var result = new JsonObject();
        foreach (var (key, value) in values) result[key] = JsonNode.Parse(value.GetRawText());
        return result;
    }

    private async Task<PlacedOrder?> ExistingAsync(string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is null) return null;
        await using var uow = await session.BeginAsync(ct);
        var row = await uow.QuerySingleOrDefaultAsync<(Guid OrderId, long Number)?>("""
            SELECT o.order_id, o.number FROM order_requests r JOIN orders o USING (tenant_id, order_id) WHERE r.idempotency_key = @idempotencyKey
            """, new { idempotencyKey }, ct);
        return row is { } found ? new PlacedOrder(found.OrderId, found.Number, false) : null;
    }

    /// <summary>Each wanted service against the catalogue and its parameters; throws with every problem (and <paramref name="errors"/> found before).</summary>
    private static List<(CatalogueService Service, IReadOnlyDictionary<string, JsonElement> Parameters)> CheckServices(
        IReadOnlyList<NewOrderService>? wanted, Dictionary<string, CatalogueService> catalogue, Dictionary<string, string[]> errors)
    {
        if (wanted is not { Count: > 0 }) errors["services"] = ["Name at least one service."];
        var result = new List<(CatalogueService, IReadOnlyDictionary<string, JsonElement>)>();
        for (var i = 0; i < (wanted?.Count ?? 0); i++)
        {
            var one = wanted![i];
            if (!catalogue.TryGetValue(one.Code ?? "", out var service))
            {
                errors[$"services[{i}].code"] = [$"The catalogue has no service \"{one.Code}\"."];
                continue;
            }
            var values = one.Parameters ?? ProcessVariables.None;
            foreach (var (code, problem) in ParameterProblems(service, values)) errors[$"services[{i}].parameters.{code}"] = [problem];
            result.Add((service, values));
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return result;
    }

    private static IEnumerable<(string Code, string Problem)> ParameterProblems(CatalogueService service, IReadOnlyDictionary<string, JsonElement> values)
    {
        foreach (var code in values.Keys.Where(k => service.Parameters.All(p => p.Code != k)))
            yield return (code, $"\"{service.Name}\" has no parameter \"{code}\".");
        foreach (var parameter in service.Parameters)
        {
            if (!values.TryGetValue(parameter.Code, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (parameter.Required) yield return (parameter.Code, $"\"{parameter.Name}\" is required.");
                continue;
            }
            var fits = parameter.Type switch
            {
                ParameterType.Number => value.ValueKind == JsonValueKind.Number,
                ParameterType.Flag => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                ParameterType.Date => value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                _ => value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= 4000,
            };
            if (!fits) yield return (parameter.Code, $"\"{parameter.Name}\" must be {parameter.Type switch
            {
                ParameterType.Number => "a number",
                ParameterType.Flag => "true or false",
                ParameterType.Date => "a date (yyyy-MM-dd)",
                _ => "a text of at most 4000 characters",
            }}.");
        }
    }
}
