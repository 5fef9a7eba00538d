using Ktp.Domain.Inquiries;

namespace Ktp.Infrastructure.Inquiries;

/// <summary>
/// Inquiry statuses as SQL literals, spelled from the enum (the read model stores its names). Literals, not
/// parameters: the partial indexes (<c>WHERE status = 'Waiting'</c>) match only a literal condition.
/// </summary>
public static class InquiryStatusSql
{
    public const string Registered = "'" + nameof(InquiryStatus.Registered) + "'";
    public const string Waiting = "'" + nameof(InquiryStatus.Waiting) + "'";
    public const string InWork = "'" + nameof(InquiryStatus.InWork) + "'";
    public const string Processed = "'" + nameof(InquiryStatus.Processed) + "'";
    public const string Closed = "'" + nameof(InquiryStatus.Closed) + "'";
    public const string Archived = "'" + nameof(InquiryStatus.Archived) + "'";

    /// <summary>A list for <c>IN (...)</c>: the statuses of an inquiry nobody works on any more.</summary>
    public const string Finished = "(" + Closed + ", " + Archived + ")";

    /// <summary>A list for <c>IN (...)</c>: the statuses of an open inquiry.</summary>
    public const string Open = "(" + Waiting + ", " + InWork + ", " + Registered + ", " + Processed + ")";
}
