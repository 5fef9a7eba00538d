using System.Text.Json;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Orders;

namespace Ktp.Web.Orders;

public sealed record TaskCompletion(IReadOnlyDictionary<string, JsonElement>? Output);

public sealed record TaskAssignment(Guid UserId);

public sealed record TaskReturn(string Comment);

public sealed record OrderCancellation(string Reason);

public sealed record ServiceResult(int Attempt, bool Succeeded, IReadOnlyDictionary<string, JsonElement>? Output, string? Error);

public sealed record ProcessMessage(string Name, string? CorrelationKey, IReadOnlyDictionary<string, JsonElement>? Variables);

public sealed record OrderDetails(OrderRow Order, IReadOnlyList<OrderServiceRow> Services, IReadOnlyList<TaskRow> Tasks, IReadOnlyList<IncidentRow> Incidents);

/// <summary>Orders from CRMs and other systems: place (idempotent), read, cancel, report service results and events; tasks for executors.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").RequireAuthorization(Privilege.OrdersManage).WithTags("Orders");

        orders.MapPost("/", async (NewOrder order, HttpRequest request, OrderIntake intake, CancellationToken ct) =>
            {
                var key = request.Headers["Idempotency-Key"].FirstOrDefault();
                var placed = await intake.PlaceAsync(order, string.IsNullOrWhiteSpace(key) ? null : key.Trim(), ct);
                return placed.Created ? Results.Created($"orders/{placed.OrderId}", placed) : Results.Ok(placed);
            })
            .WithName("PlaceOrder").WithSummary("Place an order of catalogue services; a repeated Idempotency-Key answers 200 with the first order.")
            .Produces<PlacedOrder>(StatusCodes.Status201Created).Produces<PlacedOrder>().ProducesValidationProblem();

        orders.MapGet("/{id:guid}", async (Guid id, OrderQueries queries, CancellationToken ct) =>
                await queries.OrderAsync(id, ct) is { } order
                    ? Results.Ok(new OrderDetails(order, await queries.ServicesAsync(id, ct), await queries.TasksOfOrderAsync(id, ct), await queries.OpenIncidentsAsync(id, ct)))
                    : Results.NotFound())
            .WithName("GetOrder").WithSummary("The order's state, its services, tasks and open incidents.")
            .Produces<OrderDetails>().Produces(StatusCodes.Status404NotFound);

        orders.MapPost("/{id:guid}/cancel", async (Guid id, OrderCancellation body, OrderWork work, CancellationToken ct) =>
            {
                await work.CancelOrderAsync(id, body.Reason, ct);
                return Results.Accepted($"orders/{id}");
            })
            .WithName("CancelOrder").WithSummary("Cancel an open order: its running processes are cancelled with the reason.")
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{id:guid}/services", async (Guid id, IReadOnlyList<NewOrderService> services, OrderIntake intake, CancellationToken ct) =>
            {
                await intake.AddServicesAsync(id, services, ct);
                return Results.Accepted($"orders/{id}");
            })
            .WithName("AddOrderServices").WithSummary("Change an open order: add services (each starts its process).")
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{id:guid}/services/{serviceId:guid}/withdraw", async (Guid id, Guid serviceId, OrderCancellation body, OrderWork work, CancellationToken ct) =>
            {
                await work.WithdrawServiceAsync(id, serviceId, body.Reason, ct);
                return Results.Accepted($"orders/{id}");
            })
            .WithName("WithdrawOrderService").WithSummary("Change an open order: withdraw a service; its process is cancelled with the reason.")
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{id:guid}/messages", async (Guid id, ProcessMessage message, OrderWork work, CancellationToken ct) =>
                Results.Ok(new { delivered = await work.DeliverMessageAsync(id, message.Name, message.CorrelationKey, message.Variables, ct) }))
            .WithName("DeliverOrderMessage").WithSummary("An external event for the order's processes (a message catch event with its correlation key).")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/service-tasks/{taskId}/result", async (string taskId, ServiceResult result, OrderWork work, CancellationToken ct) =>
            {
                await work.ReportServiceResultAsync(taskId, result.Attempt, result.Succeeded, result.Output, result.Error, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Privilege.OrdersManage).WithTags("Orders")
            .WithName("ReportServiceResult").WithSummary("A system that answered a service call with 202 reports its result here.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var tasks = api.MapGroup("/tasks").RequireAuthorization(Privilege.OrdersWork).WithTags("Tasks");
        tasks.MapGet("/mine", async (OrderQueries queries, CancellationToken ct) => Results.Ok(await queries.MyTasksAsync(ct: ct)))
            .WithName("GetMyTasks").WithSummary("The caller's open tasks, then those their roles may take.").Produces<IReadOnlyList<TaskRow>>();
        tasks.MapPost("/{taskId}/complete", async (string taskId, TaskCompletion body, OrderWork work, CancellationToken ct) =>
            {
                await work.CompleteTaskAsync(taskId, body.Output, ct);
                return Results.NoContent();
            })
            .WithName("CompleteTask").WithSummary("Complete a user task; its output becomes process variables.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tasks.MapPost("/{taskId}/return", async (string taskId, TaskReturn body, OrderWork work, CancellationToken ct) =>
            {
                await work.ReturnTaskAsync(taskId, body.Comment, ct);
                return Results.NoContent();
            })
            .WithName("ReturnTask").WithSummary("Give a task back undone, with a comment.").Produces(StatusCodes.Status204NoContent);
        tasks.MapPost("/{taskId}/assign", async (string taskId, TaskAssignment body, OrderWork work, CancellationToken ct) =>
            {
                await work.AssignTaskAsync(taskId, body.UserId, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Privilege.OrdersManage)
            .WithName("AssignTask").WithSummary("A dispatcher gives a task to a person.").Produces(StatusCodes.Status204NoContent);
        return api;
    }
}
