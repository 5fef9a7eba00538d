using Dapper;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.EventStore;
using Ktp.Infrastructure.Projections;

namespace Ktp.Infrastructure.Tests.Projections;

/// <summary>Counts how often each event position was applied, and notes overlapping calls.</summary>
public sealed class RecordingProjection(string name = "test_recording") : IAsyncProjection
{
    private int _inside;

    public string Name => name;
    public int MaxConcurrentApplies { get; private set; }
    public TimeSpan ApplyDelay { get; init; } = TimeSpan.Zero;

    public static string CreateTableSql => """
        CREATE TABLE IF NOT EXISTS test_seen (projection text, position bigint, times int NOT NULL DEFAULT 1, total bigint, PRIMARY KEY (projection, position));
        GRANT ALL ON test_seen TO ktp_system;
        """;

    public bool Handles(string eventType) => true;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var inside = Interlocked.Increment(ref _inside);
        MaxConcurrentApplies = Math.Max(MaxConcurrentApplies, inside);
        try
        {
            foreach (var e in events)
            {
                var by = e.Data is Ktp.Infrastructure.Tests.EventStore.CounterIncremented inc ? inc.By : 0;
                await uow.ExecuteAsync("""
                    INSERT INTO test_seen (projection, position, total) VALUES (@name, @Position, @by)
                    ON CONFLICT (projection, position) DO UPDATE SET times = test_seen.times + 1
                    """, new { name, e.Position, by });
            }
            if (ApplyDelay > TimeSpan.Zero) await Task.Delay(ApplyDelay, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public Task ResetAsync(UnitOfWork uow, CancellationToken ct) =>
        uow.ExecuteAsync("DELETE FROM test_seen WHERE projection = @name", new { name });

    public static async Task<List<(long Position, int Times, long Total)>> SeenAsync(Ktp.Testing.TestDatabase db, string name = "test_recording")
    {
        await using var owner = db.OpenOwner();
        return (await owner.QueryAsync<(long, int, long)>(
            "SELECT position, times, total FROM test_seen WHERE projection = @name ORDER BY position", new { name })).ToList();
    }
}
