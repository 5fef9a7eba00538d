using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ktp.Infrastructure.Inquiries;
using Ktp.Web.Seed;

namespace Ktp.Benchmarks.Load;

/// <summary>
/// The operator workload over the public API: 70 % reads (an inquiry, a queue, a customer's card) and 30 % commands
/// (register a contact, comment, change an attribute). Taking an inquiry into work (and so closing it) is an operator's
/// action in the workplace, not an API call, so the commands here are the ones an integration makes.
/// </summary>
public sealed class LoadMix(string slug)
{
    private const int PoolSize = 5000;
    private static readonly Guid Topic = DemoProjectTopics.InvoiceQuestion.Value;
    private readonly (Guid Inquiry, Guid Customer)[] _known = new (Guid, Guid)[PoolSize];
    private readonly Lock _knownLock = new();
    private int _written;

    public static readonly (string Kind, int Weight)[] Kinds =
        [("read inquiry", 30), ("read queue", 20), ("read customer", 20), ("register", 12), ("comment", 12), ("update attributes", 6)];

    public static RegisterContactCommand NewContact() => new(DemoProject.ProjectId, null,
        new NewCustomer($"Load {Guid.NewGuid():N}"[..16], $"+7900{Random.Shared.Next(1_000_000, 9_999_999)}", null, null, null),
        "in", "web", null, [new NewInquiry(Topic, new Dictionary<string, string?>())]);

    public string Pick()
    {
        var roll = Random.Shared.Next(100);
        foreach (var (kind, weight) in Kinds)
        {
            if (roll < weight) return kind;
            roll -= weight;
        }
        return Kinds[0].Kind;
    }

    public void Remember(RegisteredContact contact)
    {
        foreach (var id in contact.InquiryIds)
        {
            lock (_knownLock) _known[_written++ % PoolSize] = (id, contact.CustomerId!.Value);
        }
    }

    /// <summary>Sends one request of the kind and records it; a kind that needs an inquiry falls back to registering when none is known yet.</summary>
    /// <returns>The status code, 0 when no answer came.</returns>
    public async Task<int> SendAsync(HttpClient client, string kind, LoadRecorder recorder, CancellationToken ct)
    {
        var known = Sample() ?? default;
        if (known == default && kind != "read queue") kind = "register";
        var watch = Stopwatch.StartNew();
        int status;
        try
        {
            using var response = kind switch
            {
                "read inquiry" => await client.GetAsync($"/t/{slug}/api/v1/inquiries/{known.Inquiry}", ct),
                "read queue" => await client.GetAsync($"/t/{slug}/api/v1/projects/{DemoProject.ProjectId}/queues/general/inquiries?limit=20", ct),
                "read customer" => await client.GetAsync($"/t/{slug}/api/v1/customers/{known.Customer}/inquiries", ct),
                "register" => await client.PostAsJsonAsync($"/t/{slug}/api/v1/inquiries", NewContact(), ct),
                "comment" => await client.PostAsJsonAsync($"/t/{slug}/api/v1/inquiries/{known.Inquiry}/events", new { type = "comment", text = "load test" }, ct),
                _ => await client.PatchAsJsonAsync($"/t/{slug}/api/v1/inquiries/{known.Inquiry}/attributes",
                    new { values = new Dictionary<string, string> { ["contract_no"] = $"K-{Random.Shared.Next(100_000)}" } }, ct),
            };
            status = (int)response.StatusCode;
            if (kind == "register" && response.IsSuccessStatusCode)
                Remember((await response.Content.ReadFromJsonAsync<RegisteredContact>(JsonSerializerOptions.Web, ct))!);
            else
                await response.Content.LoadIntoBufferAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            status = 0;
        }
        if (!ct.IsCancellationRequested) recorder.Add(kind, watch.Elapsed.TotalMilliseconds, status);
        return status;
    }

    private (Guid Inquiry, Guid Customer)? Sample()
    {
        lock (_knownLock) return _written == 0 ? null : _known[Random.Shared.Next(Math.Min(_written, PoolSize))];
    }
}
