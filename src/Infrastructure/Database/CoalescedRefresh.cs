using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Ktp.Infrastructure.Database;

/// <summary>
/// One screen's reaction to "your queues changed": changes that arrive while a refresh runs (or waits its turn) make
/// one more refresh, not one each, and a node runs only a few refreshes at once. Without this every change made every
/// open workplace reload at the same moment (bench/load.sh: 100 workplaces emptied the connection pool and their
/// circuits died).
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh, SemaphoreSlim slots, TimeSpan gather, ILogger logger)
{
    private const int Idle = 0, Running = 1, RunningAndAsked = 2;
    private int _state;

    // Changes arrive on the listener's thread; the screen renders in the language of whoever subscribed
    // (a refresh rendered on the listener's culture turned a Russian workplace's texts English).
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;

    public void Request()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) == Idle) _ = RunAsync();
        else Interlocked.CompareExchange(ref _state, RunningAndAsked, Running);
    }

    private async Task RunAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        while (true)
        {
            await Task.Delay(gather); // the changes of one moment are shown together
            await slots.WaitAsync();
            try
            {
                await refresh();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A live refresh failed; the screen refreshes again on the next change");
            }
            finally
            {
                slots.Release();
            }
            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running) return;
            Volatile.Write(ref _state, Running); // asked again meanwhile: one more round
        }
    }
}
