namespace Ktp.Testing;

/// <summary>A clock the test moves by hand (SLA deadlines, archiving periods).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
