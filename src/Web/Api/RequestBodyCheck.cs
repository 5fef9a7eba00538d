using Microsoft.AspNetCore.Http.Metadata;

namespace Ktp.Web.Api;

/// <summary>Refuses a request whose JSON body breaks the edge's rules (<see cref="RequestBodyInspector"/>) with problem+json 400.</summary>
public sealed class RequestBodyCheck(ILogger<RequestBodyCheck> logger) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is null) return next(context);
        foreach (var argument in context.Arguments)
        {
            if (argument is null || !bodyType.IsInstanceOfType(argument)) continue;
            var errors = RequestBodyInspector.Inspect(argument);
            if (errors.Count == 0) continue;
            logger.LogWarning("Refused the body of {Path}: {Fields}", context.HttpContext.Request.Path, string.Join(", ", errors.Keys));
            return ValueTask.FromResult<object?>(Results.ValidationProblem(errors));
        }
        return next(context);
    }
}
