namespace Ktp.Domain.Inquiries;

/// <summary>A command does not fit the inquiry's current state; the message names the state and why.</summary>
public class InquiryException(string message) : Exception(message);

/// <summary>The caller decided on an older version of the inquiry than the current one.</summary>
public sealed class StaleInquiryException(long expected, long actual)
    : InquiryException($"The inquiry has changed since it was opened (version {expected}, now {actual}). Reload it and try again.")
{
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}
