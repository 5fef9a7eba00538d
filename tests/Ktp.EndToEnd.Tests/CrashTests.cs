using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Ktp.EndToEnd.Tests;

/// <summary>A node killed with SIGKILL while 16 API writers register inquiries, then started again.</summary>
[Collection(HeavyTests.Name)]
public sealed class CrashTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task After_kill_9_during_16_writers_every_acknowledged_inquiry_exists_once_read_models_catch_up_and_each_deadline_fires_once()
    {
        var cs = app.OwnerConnectionString;
        var tenant = await DemoWork.DemoTenantAsync(cs);
        await DemoWork.WaitForMessagingAgentAsync(cs);
        await DemoWork.UseSlaOfSecondsAsync(cs, tenant, seconds: 6);
        string key;
        await using (var client = await DemoWork.InProcessClient.StartAsync(cs)) key = await client.CreateApiKeyAsync();

        var acknowledged = new ConcurrentBag<Guid>();
        var refused = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var (id, status, body) = await DemoWork.PostInquiryAsync(app.NodeUrls[^1], key, $"Писатель {w}-{i}");
                    if (id is { } created) acknowledged.Add(created);
                    else refused.Add($"{(int)status}: {body[..Math.Min(body.Length, 300)]}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(50); // the node is down: the writer retries against whatever node is up
                }
            }
        })).ToList();

        // Killed mid-stream: writers are in flight, some requests are cut off unanswered.
        await DemoWork.WaitForAsync(() => Task.FromResult(acknowledged.Count >= 30 ? "some" : null), TimeSpan.FromSeconds(60), "writers to get going");
        await app.KillNodeAsync(0);
        var beforeKill = acknowledged.Count;
        await app.StartNodeAsync();
        await DemoWork.WaitForAsync(() => Task.FromResult(acknowledged.Count >= beforeKill + 30 ? "more" : null), TimeSpan.FromSeconds(60), "writers to go on");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        refused.ShouldBeEmpty(string.Join("\n", refused.Take(3)));
        beforeKill.ShouldBeGreaterThan(0);
        acknowledged.Count.ShouldBeGreaterThan(beforeKill, "writers went on after the restart");
        var ids = acknowledged.ToArray();
        ids.Distinct().Count().ShouldBe(ids.Length);

        await using var owner = new NpgsqlConnection(cs);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE inquiry_id = ANY(@ids)", new { ids })).ShouldBe(ids.Length);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE type = 'inquiry.registered' AND stream_id = ANY(@ids)", new { ids }))
            .ShouldBe(ids.Length, "every acknowledged inquiry is registered exactly once");

        await DemoWork.WaitForAsync(async () => await owner.ExecuteScalarAsync<bool>(
            "SELECT (SELECT count(*) FROM es.mt_events) = (SELECT coalesce(sum(events_count), 0) FROM tenant_activity)") ? "caught up" : null,
            TimeSpan.FromSeconds(60), "the async read model to count every event once");

        await DemoWork.WaitForAsync(async () => await owner.ExecuteScalarAsync<long>(
            "SELECT count(DISTINCT stream_id) FROM es.mt_events WHERE type = 'inquiry.sla_breached' AND stream_id = ANY(@ids)", new { ids }) == ids.Length ? "all" : null,
            TimeSpan.FromSeconds(150), "every acknowledged inquiry's deadline to fire");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE type = 'inquiry.sla_breached' AND stream_id = ANY(@ids)", new { ids }))
            .ShouldBe(ids.Length, "each deadline fires once, the dead node's included");
    }
}
