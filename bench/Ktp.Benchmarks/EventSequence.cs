namespace Ktp.Benchmarks;

/// <summary>
/// Sequence numbers for events written by COPY (<c>es.mt_events.seq_id</c> has no default), handed out in load
/// order after <paramref name="last"/>; the seeder then moves <c>es.mt_events_sequence</c> to the last one.
/// </summary>
public sealed class EventSequence(long last)
{
    public long Last => last;

    public long Next() => ++last;
}
