using Dapper;
using JasperFx.Events;
using Ktp.Infrastructure.Projections;
using Marten;

namespace Ktp.Infrastructure.Tests.Projections;

/// <summary>Counts how often each event sequence was applied.</summary>
public sealed class RecordingProjection(string name = "test_recording") : IAsyncProjection
{
    public string Name => name;
    public string Table => "public.test_seen";

    public static string CreateTableSql => """
        CREATE TABLE IF NOT EXISTS test_seen (projection text, position bigint, times int NOT NULL DEFAULT 1, total bigint, PRIMARY KEY (projection, position));
        GRANT ALL ON test_seen TO ktp_system;
        """;

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            var by = e.Data is Ktp.Infrastructure.Tests.EventStore.CounterIncremented inc ? inc.By : 0;
            operations.QueueSqlCommand("""
                INSERT INTO test_seen (projection, position, total) VALUES (?, ?, ?)
                ON CONFLICT (projection, position) DO UPDATE SET times = test_seen.times + 1
                """, name, e.Sequence, (long)by);
        }
        return Task.CompletedTask;
    }

    public static async Task<List<(long Position, int Times, long Total)>> SeenAsync(Ktp.Testing.TestDatabase db, string name = "test_recording")
    {
        await using var owner = db.OpenOwner();
        return (await owner.QueryAsync<(long, int, long)>(
            "SELECT position, times, total FROM test_seen WHERE projection = @name ORDER BY position", new { name })).ToList();
    }
}
