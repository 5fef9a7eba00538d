namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>The text is not a valid JsonLogic rule (bad JSON, unknown operator, malformed operation).</summary>
public sealed class JsonLogicParseException(string message, Exception? inner = null) : Exception(message, inner);
