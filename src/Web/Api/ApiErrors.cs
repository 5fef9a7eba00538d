using Ktp.Domain.Common;
using Ktp.Infrastructure.Events;

namespace Ktp.Web.Api;

/// <summary>Turns the domain's exceptions into problem details, the same way for every API endpoint.</summary>
public sealed class ApiErrors(ILogger<ApiErrors> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException e)
        {
            logger.LogWarning("Rejected {Path}: {Errors}", context.HttpContext.Request.Path, e.Message);
            return Results.ValidationProblem(e.Errors.ToDictionary(x => x.Key, x => x.Value));
        }
        catch (ForbiddenException e)
        {
            logger.LogWarning("Forbidden {Path}: {Privilege}", context.HttpContext.Request.Path, e.Privilege);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is Ktp.Domain.Inquiries.InquiryException and not Ktp.Domain.Inquiries.StaleInquiryException or Ktp.Domain.Billing.BillingException)
        {
            logger.LogWarning("Refused {Path}: {Message}", context.HttpContext.Request.Path, e.Message);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not allowed now");
        }
        catch (Ktp.Domain.Processes.DeploymentRefusedException e)
        {
            logger.LogWarning("Refused diagram at {Path}: {Message}", context.HttpContext.Request.Path, e.Message);
            return Results.ValidationProblem(e.Problems.GroupBy(p => p.ElementId).ToDictionary(g => g.Key, g => g.Select(p => $"{p.Kind}: {p.Reason}").ToArray()),
                title: "The process cannot be deployed");
        }
        catch (Ktp.Domain.Processes.ProcessItemNotFoundException e)
        {
            logger.LogWarning("Not found {Path}: {Message}", context.HttpContext.Request.Path, e.Message);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "No such task or incident");
        }
        catch (Exception e) when (e is Ktp.Domain.Processes.ProcessException or Ktp.Domain.Orders.OrderException)
        {
            logger.LogWarning("Conflict {Path}: {Message}", context.HttpContext.Request.Path, e.Message);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Not possible in the current state");
        }
        catch (Exception e) when (e is ConcurrencyException or Ktp.Domain.Inquiries.StaleInquiryException)
        {
            logger.LogWarning("Conflict {Path}: {Message}", context.HttpContext.Request.Path, e.Message);
            // The caller re-reads from the version it is told (when known) instead of guessing.
            var current = e switch
            {
                Ktp.Domain.Inquiries.StaleInquiryException stale => stale.Actual,
                ConcurrencyException { ActualVersion: { } actual } => actual,
                _ => (long?)null,
            };
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else",
                extensions: current is { } version ? new Dictionary<string, object?> { ["currentVersion"] = version } : null);
        }
    }
}

public static class ApiGroups
{
    /// <summary>The tenant's API: <c>/t/{slug}/api/v1</c>, authenticated, with shared error handling.</summary>
    public static RouteGroupBuilder MapTenantApi(this WebApplication app) =>
        app.MapGroup("/t/{slug}/api/v1").RequireAuthorization().AddEndpointFilter<ApiErrors>().AddEndpointFilter<RequestBodyCheck>();
}
