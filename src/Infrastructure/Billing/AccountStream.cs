using System.Security.Cryptography;
using System.Text;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Billing;

/// <summary>The tenant's account with the platform is one event stream; this loads it and appends decisions to it.</summary>
public sealed class AccountStream(EventStore store)
{
    /// <summary>Each tenant has exactly one account stream, with an id derived from the tenant's.</summary>
    public static Guid IdFor(Guid tenantId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes("ktp-account:" + tenantId.ToString("N"))));

    public async Task<(Account State, long Version)> LoadAsync(UnitOfWork uow, CancellationToken ct = default)
    {
        var events = await store.ReadStreamAsync(uow, IdFor(uow.TenantId!.Value), ct: ct);
        return (Account.From(events.Select(e => e.Data)), events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Decides <paramref name="command"/> on the current state and appends the result (optimistic concurrency).</summary>
    public async Task<IReadOnlyList<object>> DecideAsync(UnitOfWork uow, object command, EventMetadata metadata, CancellationToken ct = default)
    {
        var (state, version) = await LoadAsync(uow, ct);
        var events = AccountDecisions.Decide(state, command);
        if (events.Count > 0)
            await store.AppendAsync(uow, IdFor(uow.TenantId!.Value), AccountEventNames.StreamType, version, events, metadata, ct);
        return events;
    }
}
