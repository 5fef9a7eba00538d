using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>
/// Inline: every <see cref="LinkedToProblem"/> becomes a row of <c>system_problem_links</c> in the same
/// transaction, so a problem knows all its inquiries (the inquiry row keeps only the latest problem).
/// </summary>
public sealed class ProblemLinkProjection : IInlineProjection
{
    public string StreamType => InquiryEventNames.StreamType;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
        {
            if (stored.Data is not LinkedToProblem linked) continue;
            await uow.ExecuteAsync("""
                INSERT INTO system_problem_links (problem_id, inquiry_id, linked_by, linked_at) VALUES (@ProblemId, @inquiryId, @by, @At)
                ON CONFLICT DO NOTHING
                """, new { linked.ProblemId, inquiryId = stored.StreamId, by = linked.By.Name, linked.At }, ct: ct);
        }
    }
}
