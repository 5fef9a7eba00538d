using Ktp.Domain.Access;
using Ktp.Infrastructure.Sessions;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Ktp.Infrastructure.Messaging;

/// <param name="Kind">The message's class name (e-mail, SLA deadline, ...); the page turns it into words.</param>
public sealed record FailedMessage(Guid Id, string Kind, DateTimeOffset FailedAt, string Error, bool Replaying);

/// <summary>
/// The tenant's dead letters: messages that failed every retry (mail, timers, daily jobs), with the error,
/// and replay. Wolverine keeps them without a tenant column, so the tenant is read from each envelope and a
/// tenant sees and replays only its own.
/// </summary>
public sealed class FailedMessages(CurrentSession session, IWolverineRuntime runtime)
{
    /// <summary>Dead letters read per look; the platform keeps far fewer (each is a person's task).</summary>
    private const int ScanLimit = 1000;

    public async Task<IReadOnlyList<FailedMessage>> ListAsync(CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        return (await OwnAsync(ct))
            .Select(d => new FailedMessage(d.Id, KindOf(d.MessageType), d.SentAt, d.ExceptionMessage, d.Replayable))
            .OrderByDescending(m => m.FailedAt).ToList();
    }

    /// <summary>Puts the message back to be handled again; false when it is not this tenant's dead letter.</summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken ct = default)
    {
        session.Demand(Privilege.SettingsManage);
        if (!(await OwnAsync(ct)).Any(d => d.Id == id)) return false;
        await runtime.Storage.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery([id]), ct);
        return true;
    }

    private async Task<IEnumerable<DeadLetterEnvelope>> OwnAsync(CancellationToken ct)
    {
        var tenant = session.TenantId.ToString();
        var page = await runtime.Storage.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = ScanLimit }, ct);
        return page.Envelopes.Where(d => string.Equals(d.Envelope.TenantId, tenant, StringComparison.OrdinalIgnoreCase));
    }

    private static string KindOf(string messageType) => messageType[(messageType.LastIndexOf('.') + 1)..];
}
