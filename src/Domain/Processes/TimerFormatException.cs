using Ktp.Domain.Common;

namespace Ktp.Domain.Processes;

/// <summary>A timer's text is not the form it should be; <see cref="Reason"/> says why in words a screen can translate.</summary>
public sealed class TimerFormatException(FormattableString reason, Exception? inner = null) : FormatException(reason.ToString(System.Globalization.CultureInfo.InvariantCulture), inner)
{
    public Wording Reason { get; } = Wording.Of(reason);
}
