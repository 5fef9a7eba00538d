using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Ktp.Domain.Processes;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Messaging;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Attributes;

namespace Ktp.Infrastructure.Orders;

/// <summary>What a service endpoint receives: the task, the attempt and the process variables.</summary>
public sealed record ServiceCallRequest(Guid ServiceId, string TaskId, int Attempt, IReadOnlyDictionary<string, JsonElement> Variables);

/// <summary>
/// Calls a service task's endpoint (HTTP POST, JSON). A 2xx answer completes the task, the properties of a JSON object
/// answer becoming process variables; 202 means the system works on it and reports later through the callback; any other
/// answer, an unreachable address or no answer within the timeout fails the attempt: the engine asks again after a
/// growing pause, then raises an incident. The database connection is not held during the call.
/// </summary>
[WolverineHandler]
public sealed class ServiceCalls(KtpDatabase db, ServiceStream services, IHttpClientFactory http, OrdersOptions options, TimeProvider clock,
    ILogger<ServiceCalls> logger)
{
    public const string HttpClientName = "orders-service-calls";

    public async Task HandleAsync(CallServiceEndpoint call, Envelope envelope, CancellationToken ct)
    {
        var tenant = MessageTenant.Of(envelope);
        PendingServiceCall? pending;
        IReadOnlyDictionary<string, JsonElement> variables;
        await using (var read = await db.BeginTenantAsync(tenant, ct))
        {
            var (state, events) = await services.LoadAsync(read, call.ServiceId, ct: ct);
            pending = events.Count == 0 ? null : state.Process.ServiceCalls.FirstOrDefault(c => c.TaskId == call.TaskId && c.Attempt == call.Attempt && c.Awaiting);
            variables = state.Process.Variables;
        }
        if (pending is null) return; // answered already, or the process moved on

        var (succeeded, output, error) = await CallAsync(pending.Endpoint, new ServiceCallRequest(call.ServiceId, call.TaskId, call.Attempt, variables), ct);
        if (succeeded && output is null) return; // accepted: the system reports through the callback

        await using var uow = await db.BeginTenantAsync(tenant, ct);
        try
        {
            await services.RunAsync(uow, call.ServiceId, new EventMetadata(UserName: "service call", CorrelationId: Guid.NewGuid()), ct, (_, _) => succeeded
                ? new ReportServiceSuccess(call.TaskId, call.Attempt, output!, clock.GetUtcNow())
                : new ReportServiceFailure(call.TaskId, call.Attempt, error!, clock.GetUtcNow()));
            await uow.CommitAsync(ct);
        }
        catch (ProcessException e)
        {
            logger.LogInformation("The result of {TaskId} attempt {Attempt} came too late: {Reason}", call.TaskId, call.Attempt, e.Message);
        }
    }

    private async Task<(bool Succeeded, IReadOnlyDictionary<string, JsonElement>? Output, string? Error)> CallAsync(
        string endpoint, ServiceCallRequest request, CancellationToken ct)
    {
        if (!Uri.TryCreate(new Uri(options.SelfUrl), endpoint, out var address) || address.Scheme is not ("http" or "https"))
            return (false, null, $"\"{endpoint}\" is not an http(s) address.");
        if (!options.AllowPrivateNetworkCalls && await IsPrivateAsync(address, ct))
            return (false, null, $"{address.Host} is an address of a private network; calls there are not allowed.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.CallTimeout);
        try
        {
            using var answer = await http.CreateClient(HttpClientName).PostAsJsonAsync(address, request, EventTypeRegistry.Json, timeout.Token);
            if (answer.StatusCode == HttpStatusCode.Accepted) return (true, null, null);
            var body = await answer.Content.ReadAsStringAsync(timeout.Token);
            if (!answer.IsSuccessStatusCode)
                return (false, null, $"HTTP {(int)answer.StatusCode}: {(body.Length > 300 ? body[..300] + "…" : body)}");
            return (true, OutputOf(body), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, null, $"No answer within {options.CallTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return (false, null, e.Message);
        }
    }

    private static IReadOnlyDictionary<string, JsonElement> OutputOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ProcessVariables.None;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
                : ProcessVariables.None;
        }
        catch (JsonException)
        {
            return ProcessVariables.None;
        }
    }

    private static async Task<bool> IsPrivateAsync(Uri address, CancellationToken ct)
    {
        IPAddress[] resolved;
        try { resolved = IPAddress.TryParse(address.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(address.Host, ct); }
        catch (SocketException) { return false; } // unreachable: the call itself fails and says so
        return resolved.Any(ip => IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || IsPrivateV4(ip));
    }

    private static bool IsPrivateV4(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetwork) return false;
        var b = ip.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0;
    }
}
