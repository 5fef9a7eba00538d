using System.Text.Json;
using System.Text.RegularExpressions;
using Ktp.Domain.Common;

namespace Ktp.Infrastructure.Inquiries.BackOffice;

/// <summary>
/// What the back office list shows. Every field is optional; the fields set are combined with AND, the
/// values of a list field with OR. It is the model of the filter panel (hence settable) and the document
/// of a saved filter (stored as JSON).
/// </summary>
public sealed partial record InquiryFilter
{
    public const int MaxNumbers = 200;

    public Guid? ProjectId { get; set; }

    /// <summary>Status names as the read model stores them: Waiting, InWork, Processed, Closed, Archived.</summary>
    public IReadOnlyList<string> Statuses { get; set; } = [];

    public IReadOnlyList<Guid> TopicIds { get; set; } = [];
    public string? ProcessCode { get; set; }
    public string? QueueCode { get; set; }

    /// <summary>Who has it in work, or last had it.</summary>
    public Guid? AssigneeId { get; set; }

    public Guid? ResponsibleId { get; set; }

    /// <summary>Part of the customer's name, or the exact phone, contract or e-mail.</summary>
    public string? CustomerText { get; set; }

    public string? Channel { get; set; }
    public string? Priority { get; set; }

    /// <summary>The topic kind: Consultation, Request, Complaint.</summary>
    public string? Kind { get; set; }

    /// <summary>Registered at or after this moment.</summary>
    public DateTimeOffset? RegisteredFrom { get; set; }

    /// <summary>Registered before this moment (exclusive).</summary>
    public DateTimeOffset? RegisteredTo { get; set; }

    /// <summary>Only inquiries whose current deadline is breached.</summary>
    public bool SlaBreachedOnly { get; set; }

    /// <summary>Only repeat inquiries: the same customer came on the same topic within the previous 7 days.</summary>
    public bool RepeatOnly { get; set; }

    /// <summary>With <see cref="AttributeValue"/>: the attribute's stored text equals the value.</summary>
    public string? AttributeCode { get; set; }

    public string? AttributeValue { get; set; }

    /// <summary>Free text holding inquiry numbers ("1024, 1031 2040"): only those inquiries.</summary>
    public string? Numbers { get; set; }

    /// <summary>Linked to this system problem.</summary>
    public Guid? ProblemId { get; set; }

    /// <summary>Child inquiries of this parent.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The numbers in <see cref="Numbers"/>.</summary>
    /// <exception cref="ValidationFailedException">Text without any number, or too many numbers.</exception>
    public long[] ParsedNumbers()
    {
        if (string.IsNullOrWhiteSpace(Numbers)) return [];
        var numbers = NumberPattern().Matches(Numbers).Select(m => long.TryParse(m.Value, out var n) ? n : -1).Where(n => n > 0).Distinct().ToArray();
        new Validation()
            .Require(numbers.Length > 0, nameof(Numbers), "Enter inquiry numbers.")
            .Require(numbers.Length <= MaxNumbers, nameof(Numbers), $"Enter at most {MaxNumbers} numbers.")
            .ThrowIfInvalid();
        return numbers;
    }

    /// <summary>A copy with blank text fields cleared and the rest trimmed.</summary>
    public InquiryFilter Normalized() => this with
    {
        Statuses = [.. Statuses.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct()],
        TopicIds = [.. TopicIds.Distinct()],
        ProcessCode = Clean(ProcessCode),
        QueueCode = Clean(QueueCode),
        CustomerText = Clean(CustomerText),
        Channel = Clean(Channel),
        Priority = Clean(Priority),
        Kind = Clean(Kind),
        AttributeCode = Clean(AttributeCode),
        AttributeValue = AttributeValue?.Trim(),
        Numbers = Clean(Numbers),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static InquiryFilter FromJson(string json) => JsonSerializer.Deserialize<InquiryFilter>(json, Json) ?? new InquiryFilter();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"\d{1,18}")]
    private static partial Regex NumberPattern();
}
