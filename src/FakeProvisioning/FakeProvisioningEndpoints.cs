using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ktp.FakeProvisioning;

/// <summary>
/// A provisioning system that opens lines: it takes what a KTP service task posts (its task id, attempt and process
/// variables) and answers like a busy real one: the first call for each task gets 503, the next opens the line and
/// answers 200 with its number, so retries show in the demo. Nothing else is kept.
/// </summary>
public static class FakeProvisioningEndpoints
{
    private static readonly ConcurrentDictionary<string, int> CallsPerTask = new();

    public static RouteGroupBuilder MapFakeProvisioning(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix).AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/lines", async (HttpRequest request) =>
        {
            JsonElement body;
            try { body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body); }
            catch (JsonException) { return Results.BadRequest(new { error = "The body is not JSON." }); }
            var task = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("taskId", out var id) ? id.GetString() ?? "" : "";
            if (task.Length == 0) return Results.BadRequest(new { error = "taskId is missing." });
            var calls = CallsPerTask.AddOrUpdate(task, 1, (_, n) => n + 1);
            return calls == 1
                ? Results.Problem("The switch is busy, try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new { line = $"L-{Math.Abs(task.GetHashCode()) % 100000:00000}", openedAt = DateTimeOffset.UtcNow });
        });
        return group;
    }
}
