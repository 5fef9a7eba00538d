using System.Globalization;
using Ktp.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ktp.Infrastructure.Tests.Database;

public sealed class CoalescedRefreshTests
{
    [Fact]
    public async Task Many_changes_while_a_refresh_runs_make_one_more_refresh_not_one_each()
    {
        var runs = 0;
        var firstStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var refresh = new CoalescedRefresh(async () =>
        {
            if (Interlocked.Increment(ref runs) == 1) { firstStarted.SetResult(); await release.Task; }
        }, new SemaphoreSlim(8), TimeSpan.Zero, NullLogger.Instance);

        refresh.Request();
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 50; i++) refresh.Request();
        release.SetResult();

        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2);
        await Task.Delay(200);
        runs.ShouldBe(2);

        refresh.Request(); // idle again: a later change refreshes again
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 3);
    }

    [Fact]
    public async Task A_node_runs_only_as_many_refreshes_at_once_as_it_has_slots()
    {
        var slots = new SemaphoreSlim(3);
        int running = 0, most = 0, done = 0;
        var screens = Enumerable.Range(0, 20).Select(_ => new CoalescedRefresh(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(30);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
        }, slots, TimeSpan.Zero, NullLogger.Instance)).ToList();

        foreach (var screen in screens) screen.Request();

        await WaitUntilAsync(() => Volatile.Read(ref done) == 20);
        most.ShouldBe(3);
    }

    [Fact]
    public async Task A_failing_refresh_does_not_stop_later_ones()
    {
        var runs = 0;
        var refresh = new CoalescedRefresh(() => Interlocked.Increment(ref runs) == 1 ? throw new InvalidOperationException("circuit gone") : Task.CompletedTask,
            new SemaphoreSlim(1), TimeSpan.Zero, NullLogger.Instance);
        refresh.Request();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 1);
        await Task.Delay(50);
        refresh.Request();
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2);
    }

    [Fact]
    public async Task A_refresh_asked_from_another_thread_runs_in_the_language_of_whoever_subscribed()
    {
        var seen = new TaskCompletionSource<string>();
        CoalescedRefresh refresh;
        var original = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ru");
            refresh = new CoalescedRefresh(() => { seen.TrySetResult(CultureInfo.CurrentUICulture.Name + "/" + CultureInfo.CurrentCulture.Name); return Task.CompletedTask; },
                new SemaphoreSlim(1), TimeSpan.Zero, NullLogger.Instance);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = original;
        }

        var listener = new Thread(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
            refresh.Request();
        });
        listener.Start();
        listener.Join();

        (await seen.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe("ru/ru");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not come true in 10 s.");
            await Task.Delay(10);
        }
    }
}
