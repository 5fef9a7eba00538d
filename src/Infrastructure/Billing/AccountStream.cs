using System.Security.Cryptography;
using System.Text;
using Ktp.Domain.Billing;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Billing;

/// <summary>The tenant's account with the platform: one stream per tenant, on the common aggregate path.</summary>
public sealed class AccountStream(EventStore store) : AggregateStream<Account, object>(store)
{
    /// <summary>Each tenant has exactly one account stream, with an id derived from the tenant's.</summary>
    public static Guid IdFor(Guid tenantId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes("ktp-account:" + tenantId.ToString("N"))));

    protected override string StreamType => AccountEventNames.StreamType;

    protected override Account Fold(IEnumerable<object> events) => Account.From(events);

    protected override void Evolve(Account state, object @event) => state.Apply(@event);

    protected override IReadOnlyList<object> Decide(Account state, object command) => AccountDecisions.Decide(state, command);

    /// <summary>The unit of work's tenant's account and its version.</summary>
    public async Task<(Account State, long Version)> LoadAsync(UnitOfWork uow, CancellationToken ct = default)
    {
        var (state, events) = await LoadAsync(uow, IdFor(uow.TenantId!.Value), ct: ct);
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Decides <paramref name="command"/> on the tenant's account and appends the result (optimistic concurrency).</summary>
    public Task<IReadOnlyList<object>> DecideAsync(UnitOfWork uow, object command, EventMetadata metadata, CancellationToken ct = default) =>
        DecideAsync(uow, IdFor(uow.TenantId!.Value), metadata, ct, [command]);
}
