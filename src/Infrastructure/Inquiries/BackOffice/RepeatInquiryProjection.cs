using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>
/// Inline: a newly registered inquiry is a repeat when the same customer registered one on the same topic
/// within the previous <see cref="WindowDays"/> days; <c>inquiry_repeats</c> records it with the latest such
/// inquiry. Decided once, at registration.
/// </summary>
public sealed class RepeatInquiryProjection : IInlineProjection
{
    public const int WindowDays = 7;

    public string StreamType => InquiryEventNames.StreamType;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
        {
            if (stored.Data is not InquiryRegistered { CustomerId: { } customer } e) continue;
            await uow.ExecuteAsync("""
                INSERT INTO inquiry_repeats (inquiry_id, previous_id, customer_id, registered_at)
                SELECT @id, p.inquiry_id, @customerId, @At FROM inquiries p
                WHERE p.customer_id = @customerId AND p.topic_id = @topicId AND p.inquiry_id <> @id
                  AND p.registered_at < @At AND p.registered_at >= @since
                ORDER BY p.registered_at DESC LIMIT 1
                ON CONFLICT DO NOTHING
                """, new { id = stored.StreamId, customerId = customer.Value, topicId = e.TopicId.Value, e.At, since = e.At.AddDays(-WindowDays) }, ct: ct);
        }
    }
}
