using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Ktp.Infrastructure.Database;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// LISTENs for the projection's NOTIFY on this node and tells subscribed circuits (keyed by tenant and
/// project) that their queues changed. Every node listens, so a change on any node reaches every screen.
/// </summary>
public sealed class InquiryNotifier(KtpDatabase db, ILogger<InquiryNotifier> logger) : BackgroundService
{
    /// <summary>Screens refreshing at once on this node: a small share of the connection pool.</summary>
    public const int ConcurrentRefreshes = 8;

    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);
    private readonly SemaphoreSlim _refreshSlots = new(ConcurrentRefreshes);

    public event Action<string>? Changed;

    /// <param name="onChange">Runs after changes to the project's queues, coalesced (<see cref="CoalescedRefresh"/>).</param>
    public IDisposable Subscribe(Guid tenantId, Guid projectId, Func<Task> onChange)
    {
        var key = $"{tenantId}:{projectId}";
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
                await using (var listen = new NpgsqlCommand($"LISTEN {InquiryProjection.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the inquiry notification connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
