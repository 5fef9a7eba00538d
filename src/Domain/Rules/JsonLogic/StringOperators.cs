using System.Text.Json.Nodes;

namespace Ktp.Domain.Rules.JsonLogic;

/// <summary>Strings: cat, substr; plus log.</summary>
internal static class StringOperators
{
    public static readonly Dictionary<string, Operator> All = new()
    {
        ["cat"] = Operator.Eager(args => Js.String(string.Concat(args.Select(Js.JoinPart)))),
        ["substr"] = Operator.Eager(Substr),
        // json-logic-js writes to the console; the domain does no I/O, so log only passes its value through.
        ["log"] = Operator.Eager(args => args.At(0)),
    };

    /// <summary>{"substr": [text, start, length]}; negative start counts from the end, negative length drops from the end.</summary>
    private static JsonNode Substr(JsonNode?[] args)
    {
        var text = Js.ToJsString(args.At(0));
        var start = ToInteger(args.At(1));
        if (args.Length < 3)
            return Js.String(Slice(text, start, text.Length));

        var length = ToInteger(args[2]);
        if (length >= 0)
            return Js.String(Slice(text, start, length));

        var tail = Slice(text, start, text.Length);
        return Js.String(Slice(tail, 0, tail.Length + length));
    }

    /// <summary>JavaScript String.prototype.substr(start, length).</summary>
    private static string Slice(string text, double start, double length)
    {
        var from = start < 0 ? Math.Max(text.Length + start, 0) : Math.Min(start, text.Length);
        var count = Math.Clamp(length, 0, text.Length - from);
        return text.Substring((int)from, (int)count);
    }

    private static double ToInteger(JsonNode? node) => Js.ToNumber(node) is var d && double.IsNaN(d) ? 0 : Math.Truncate(d);
}
