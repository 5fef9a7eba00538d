namespace Ktp.Domain.Inquiries;

/// <summary>Where an inquiry is on its way: registered → waiting in a queue → in work → processed → closed → archived.</summary>
public enum InquiryStatus
{
    /// <summary>Not registered yet: the state of an empty stream.</summary>
    None,
    Registered,
    Waiting,
    InWork,
    Processed,
    Closed,
    Archived,
}

public static class InquiryStatusExtensions
{
    /// <summary>Stable code for rule data and read models: registered, waiting, in_work, processed, closed, archived.</summary>
    public static string ToCode(this InquiryStatus status) => status switch
    {
        InquiryStatus.InWork => "in_work",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Words for messages: "in work", "not registered".</summary>
    public static string Describe(this InquiryStatus status) => status switch
    {
        InquiryStatus.None => "not registered",
        InquiryStatus.InWork => "in work",
        _ => status.ToString().ToLowerInvariant(),
    };
}
