namespace Ktp.Infrastructure.Observability;

/// <summary>Thread-safe list of gauge callbacks; a failing callback is skipped, not fatal to the scrape.</summary>
internal sealed class CallbackList<T>
{
    private readonly Lock gate = new();
    private readonly List<Func<T>> callbacks = [];

    public IDisposable Add(Func<T> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (gate)
        {
            callbacks.Add(callback);
        }

        return new Registration(this, callback);
    }

    public List<T> Invoke()
    {
        Func<T>[] snapshot;
        lock (gate)
        {
            snapshot = [.. callbacks];
        }

        var results = new List<T>(snapshot.Length);
        foreach (var callback in snapshot)
        {
            try
            {
                results.Add(callback());
            }
            catch (Exception)
            {
                // A source that cannot answer (database down) leaves its series out of this scrape.
            }
        }

        return results;
    }

    private void Remove(Func<T> callback)
    {
        lock (gate)
        {
            callbacks.Remove(callback);
        }
    }

    private sealed class Registration(CallbackList<T> owner, Func<T> callback) : IDisposable
    {
        public void Dispose() => owner.Remove(callback);
    }
}
