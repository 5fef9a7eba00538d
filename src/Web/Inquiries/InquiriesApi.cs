using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Inquiries;

namespace Ktp.Web.Inquiries;

public sealed record AttributesUpdate(IReadOnlyDictionary<string, string?> Values, long? ExpectedVersion);

/// <summary>An event from an external system that moves the inquiry: step_done, close, comment or transfer (to <c>Queue</c>).</summary>
public sealed record ExternalEvent(string Type, string? Text, string? Queue);

/// <summary>Integrations create inquiries, update attributes, move them along the route and read their status.</summary>
public static class InquiriesApi
{
    public static RouteGroupBuilder MapInquiriesApi(this RouteGroupBuilder api)
    {
        var inquiries = api.MapGroup("/inquiries").RequireAuthorization(Privilege.InquiriesWork).WithTags("Inquiries");

        inquiries.MapPost("/", async (RegisterContactCommand command, RegisterContact register, CancellationToken ct) =>
            {
                var result = await register.HandleAsync(command, ct);
                return Results.Created($"inquiries/{result.InquiryIds[0]}", result);
            })
            .WithName("CreateInquiries").WithSummary("Register a contact with one or more inquiries (routed and timed like the operator's).")
            .Produces<RegisteredContact>(StatusCodes.Status201Created).ProducesValidationProblem();

        inquiries.MapGet("/{id:guid}", async (Guid id, InquiryQueries queries, CancellationToken ct) =>
                await queries.RowAsync(id, ct) is { } row ? Results.Ok(row) : Results.NotFound())
            .WithName("GetInquiry").WithSummary("Status, step, queue, assignee and deadline of an inquiry.")
            .Produces<InquiryRow>().Produces(StatusCodes.Status404NotFound);

        api.MapGet("/projects/{projectId:guid}/queues/{queue}/inquiries", async (Guid projectId, string queue, int? limit, InquiryQueries queries, CancellationToken ct) =>
                limit is < 1 or > 500
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["From 1 to 500."] })
                    : Results.Ok(await queries.QueueAsync(projectId, queue, limit ?? 100, ct)))
            .RequireAuthorization(Privilege.InquiriesWork).WithTags("Inquiries")
            .WithName("GetQueue").WithSummary("Inquiries waiting in a queue of the project, the most urgent first.")
            .Produces<IReadOnlyList<InquiryRow>>().ProducesValidationProblem();

        api.MapGet("/customers/{customerId:guid}/inquiries", async (Guid customerId, InquiryQueries queries, CancellationToken ct) =>
                Results.Ok(await queries.CustomerInquiriesAsync(customerId, ct)))
            .RequireAuthorization(Privilege.InquiriesWork).WithTags("Inquiries")
            .WithName("GetCustomerInquiries").WithSummary("The customer's card: their latest 50 inquiries, newest first.")
            .Produces<IReadOnlyList<InquiryRow>>();

        inquiries.MapPatch("/{id:guid}/attributes", async (Guid id, AttributesUpdate update, InquiryWork work, CancellationToken ct) =>
            {
                await work.ChangeAttributesAsync(id, update.Values, update.ExpectedVersion, ct);
                return Results.NoContent();
            })
            .WithName("UpdateInquiryAttributes").WithSummary("Change attribute values (typed and checked against the topic); 409 when the version is stale.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        inquiries.MapPost("/{id:guid}/events", async (Guid id, ExternalEvent e, InquiryWork work, CancellationToken ct) =>
            {
                var text = string.IsNullOrWhiteSpace(e.Text) ? e.Type : e.Text;
                var task = e.Type switch
                {
                    "step_done" => work.CompleteStepAsync(id, text, ct),
                    "close" => work.CloseAsync(id, text, ct),
                    "comment" => work.CommentAsync(id, text, ct),
                    "transfer" when !string.IsNullOrWhiteSpace(e.Queue) => work.TransferToQueueAsync(id, e.Queue, e.Text, ct),
                    _ => throw new ValidationFailedException("Type", "Type is step_done, close, comment, or transfer with a queue."),
                };
                await task;
                return Results.Accepted($"inquiries/{id}");
            })
            .WithName("PostInquiryEvent").WithSummary("An external event moves the inquiry along its route.")
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem();
        return api;
    }

    public static RouteGroupBuilder MapAttachmentDownloads(this WebApplication app)
    {
        var group = app.MapGroup("/t/{slug}/attachments").RequireAuthorization(Privilege.InquiriesWork);
        group.MapGet("/{fileId:guid}", async (Guid fileId, Attachments attachments, CancellationToken ct) =>
            await attachments.OpenAsync(fileId, ct) is { } file
                ? Results.File(file.Content, file.Row.ContentType, file.Row.Name)
                : Results.NotFound());
        return group;
    }
}
