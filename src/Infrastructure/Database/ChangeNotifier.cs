using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ktp.Infrastructure.Database;

/// <summary>
/// LISTENs on <paramref name="channel"/> (a projection NOTIFYs it at commit) on this node and tells the subscribed
/// screens whose key the payload names. Every node listens, so a change made on any node reaches every screen.
/// </summary>
public abstract class ChangeNotifier(KtpDatabase db, ILogger logger, string channel) : BackgroundService
{
    /// <summary>Screens refreshing at once on this node: a small share of the connection pool.</summary>
    public const int ConcurrentRefreshes = 8;

    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim _refreshSlots = new(ConcurrentRefreshes);

    public event Action<string>? Changed;

    /// <param name="onChange">Runs after changes under <paramref name="key"/>, coalesced (<see cref="CoalescedRefresh"/>).</param>
    protected IDisposable Subscribe(string key, Func<Task> onChange)
    {
        var refresh = new CoalescedRefresh(onChange, _refreshSlots, Gather, logger);
        Action<string> handler = payload => { if (payload == key) refresh.Request(); };
        Changed += handler;
        return new Unsubscriber(() => Changed -= handler);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.System.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Changed?.Invoke(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the {Channel} notification connection; reconnecting", channel);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
