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

/// <summary>Asks <paramref name="StatusUrl"/> whether the system has finished the call it accepted (check number <paramref name="Check"/>).</summary>
public sealed record PollServiceCall(Guid ServiceId, string TaskId, int Attempt, string StatusUrl, int Check);

/// <summary>
/// Calls a service task's endpoint (HTTP POST, JSON). A 2xx answer completes the task, the properties of a JSON object
/// answer becoming process variables. 202 means the system works on it: with a <c>Location</c> header, that address is
/// polled (GET) until it answers 200 (done, or <c>"status":"failed"</c>); without one, the system reports through the
/// callback. Any other answer, an unreachable address or no answer within the timeout fails the attempt: the engine asks
/// again after a growing pause, then raises an incident. The database connection is not held during the calls.
/// </summary>
[WolverineHandler]
public sealed class ServiceCalls(KtpDatabase db, ServiceStream services, IHttpClientFactory http, OrdersOptions options, TimeProvider clock,
    ILogger<ServiceCalls> logger)
{
    public const string HttpClientName = "orders-service-calls";

    private enum Outcome { Done, Failed, Callback, Poll }

    private sealed record Answer(Outcome Outcome, IReadOnlyDictionary<string, JsonElement>? Output = null, string? Error = null, string? StatusUrl = null);

    public async Task HandleAsync(CallServiceEndpoint call, Envelope envelope, CancellationToken ct)
    {
        var tenant = MessageTenant.Of(envelope);
        if (await AwaitedAsync(tenant, call.ServiceId, call.TaskId, call.Attempt, ct) is not { } awaited) return; // answered already, or the process moved on
        var answer = await SendAsync(awaited.Call.Endpoint, HttpMethod.Post, JsonContent.Create(
            new ServiceCallRequest(call.ServiceId, call.TaskId, call.Attempt, awaited.Variables), options: EventTypeRegistry.Json), ct);
        await ActAsync(tenant, call.ServiceId, call.TaskId, call.Attempt, answer, check: 0, ct);
    }

    public async Task HandleAsync(PollServiceCall poll, Envelope envelope, CancellationToken ct)
    {
        var tenant = MessageTenant.Of(envelope);
        if (await AwaitedAsync(tenant, poll.ServiceId, poll.TaskId, poll.Attempt, ct) is null) return;
        var answer = await SendAsync(poll.StatusUrl, HttpMethod.Get, null, ct);
        if (answer.Outcome == Outcome.Callback) answer = new Answer(Outcome.Poll, StatusUrl: poll.StatusUrl); // still working
        if (answer.Outcome == Outcome.Poll && poll.Check >= options.MaxPolls)
            answer = new Answer(Outcome.Failed, Error: $"No result after {poll.Check} checks of {poll.StatusUrl}.");
        await ActAsync(tenant, poll.ServiceId, poll.TaskId, poll.Attempt, answer, poll.Check, ct);
    }

    private async Task<(PendingServiceCall Call, IReadOnlyDictionary<string, JsonElement> Variables)?> AwaitedAsync(
        Guid tenant, Guid serviceId, string taskId, int attempt, CancellationToken ct)
    {
        await using var read = await db.BeginTenantAsync(tenant, ct);
        var (state, events) = await services.LoadAsync(read, serviceId, ct: ct);
        var pending = events.Count == 0 ? null : state.Process.ServiceCalls.FirstOrDefault(c => c.TaskId == taskId && c.Attempt == attempt && c.Awaiting);
        return pending is null ? null : (pending, state.Process.Variables);
    }

    /// <summary>Reports a result to the engine, or schedules the next check of a call the system is still working on.</summary>
    private async Task ActAsync(Guid tenant, Guid serviceId, string taskId, int attempt, Answer answer, int check, CancellationToken ct)
    {
        if (answer.Outcome == Outcome.Callback) return;
        await using var uow = await db.BeginTenantAsync(tenant, ct);
        if (answer.Outcome == Outcome.Poll)
        {
            await uow.ScheduleAsync(new PollServiceCall(serviceId, taskId, attempt, answer.StatusUrl!, check + 1), clock.GetUtcNow() + options.PollInterval);
            await uow.CommitAsync(ct);
            return;
        }
        try
        {
            await services.RunAsync(uow, serviceId, new EventMetadata(UserName: "service call", CorrelationId: Guid.NewGuid()), ct, (_, _) => answer.Outcome == Outcome.Done
                ? new ReportServiceSuccess(taskId, attempt, answer.Output!, clock.GetUtcNow())
                : new ReportServiceFailure(taskId, attempt, answer.Error!, clock.GetUtcNow()));
            await uow.CommitAsync(ct);
        }
        catch (ProcessException e)
        {
            logger.LogInformation("The result of {TaskId} attempt {Attempt} came too late: {Reason}", taskId, attempt, e.Message);
        }
    }

    private async Task<Answer> SendAsync(string endpoint, HttpMethod method, HttpContent? content, CancellationToken ct)
    {
        if (!Uri.TryCreate(new Uri(options.SelfUrl), endpoint, out var address) || address.Scheme is not ("http" or "https"))
            return new Answer(Outcome.Failed, Error: $"\"{endpoint}\" is not an http(s) address.");
        if (!options.AllowPrivateNetworkCalls && await IsPrivateAsync(address, ct))
            return new Answer(Outcome.Failed, Error: $"{address.Host} is an address of a private network; calls there are not allowed.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.CallTimeout);
        try
        {
            using var request = new HttpRequestMessage(method, address) { Content = content };
            using var answer = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (answer.StatusCode == HttpStatusCode.Accepted)
                return answer.Headers.Location is { } location
                    ? new Answer(Outcome.Poll, StatusUrl: new Uri(address, location).ToString())
                    : new Answer(Outcome.Callback);
            var body = await answer.Content.ReadAsStringAsync(timeout.Token);
            if (!answer.IsSuccessStatusCode)
                return new Answer(Outcome.Failed, Error: $"HTTP {(int)answer.StatusCode}: {(body.Length > 300 ? body[..300] + "…" : body)}");
            var output = OutputOf(body);
            if (method != HttpMethod.Get) return new Answer(Outcome.Done, output);
            // A status address answers {"status": "working" | "failed" | "done", "error": ..., "output": {...}}.
            return (output.GetValueOrDefault("status") is { ValueKind: JsonValueKind.String } status ? status.GetString() : null) switch
            {
                "working" or "pending" or "running" => new Answer(Outcome.Poll, StatusUrl: address.ToString()),
                "failed" => new Answer(Outcome.Failed, Error: output.GetValueOrDefault("error") is { ValueKind: JsonValueKind.String } e ? e.GetString() : "The system reported a failure."),
                "done" when output.GetValueOrDefault("output") is { ValueKind: JsonValueKind.Object } result =>
                    new Answer(Outcome.Done, result.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())),
                _ => new Answer(Outcome.Done, output),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Answer(Outcome.Failed, Error: $"No answer within {options.CallTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            return new Answer(Outcome.Failed, Error: e.Message);
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
