using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>
/// Inline: <c>inquiry_attribute_values</c> holds each non-empty attribute value of each inquiry, so "attribute
/// equals" in the back office filter is an index lookup (row-level security keeps a GIN index on the jsonb
/// from serving the app role). Values are cut to <see cref="MaxIndexed"/> characters.
/// </summary>
public sealed class AttributeIndexProjection : IInlineProjection
{
    public const int MaxIndexed = 200;

    public string StreamType => InquiryEventNames.StreamType;

    public async Task ApplyAsync(UnitOfWork uow, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case InquiryRegistered e:
                    await InsertAsync(uow, stored.StreamId, e.Attributes.Where(a => a.Value != "").ToList());
                    break;
                case AttributesChanged e:
                    await uow.ExecuteAsync("DELETE FROM inquiry_attribute_values WHERE inquiry_id = @id AND code = ANY(@codes)", new { id = stored.StreamId, codes = e.Changes.Keys.ToArray() }, ct: ct);
                    await InsertAsync(uow, stored.StreamId, e.Changes.Where(c => c.Value.New != "").Select(c => KeyValuePair.Create(c.Key, c.Value.New)).ToList());
                    break;
            }
        }
    }

    private static async Task InsertAsync(UnitOfWork uow, Guid inquiryId, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return;
        await uow.ExecuteAsync("""
            INSERT INTO inquiry_attribute_values (code, value, inquiry_id)
            SELECT x.code, x.value, @inquiryId FROM unnest(@codes, @texts) AS x(code, value)
            ON CONFLICT DO NOTHING
            """, new { inquiryId, codes = values.Select(v => v.Key).ToArray(), texts = values.Select(v => Indexed(v.Value)).ToArray() });
    }

    public static string Indexed(string value) => value.Length <= MaxIndexed ? value : value[..MaxIndexed];
}
