using Ktp.Domain.Common;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>The text is not a valid JsonLogic rule (bad JSON, unknown operator, malformed operation).</summary>
public sealed class JsonLogicParseException(Wording reason, Exception? inner = null) : Exception(reason.ToString(), inner)
{
    public JsonLogicParseException(FormattableString reason, Exception? inner = null) : this(Wording.Of(reason), inner) { }

    public Wording Reason { get; } = reason;
}
