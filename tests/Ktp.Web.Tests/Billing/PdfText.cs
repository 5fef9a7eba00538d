using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Ktp.Web.Tests.Billing;

/// <summary>
/// The text a PDF shows, read back from its content streams: PDFsharp writes embedded fonts as glyph ids (Identity-H),
/// so each shown string is mapped to Unicode through its font's ToUnicode table.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            var maps = fonts?.Elements.Keys.ToDictionary(k => k, k => ToUnicode(fonts.Elements.GetDictionary(k))) ?? [];
            var current = new Dictionary<int, string>();
            foreach (var op in Operators(ContentReader.ReadContent(page)))
            {
                if (op.OpCode.Name == "Tf" && op.Operands.Count > 0 && op.Operands[0] is CName name)
                    current = maps.GetValueOrDefault(name.Name) ?? [];
                else if (op.OpCode.Name is "Tj" or "'" or "\"" or "TJ")
                {
                    foreach (var s in op.Operands.SelectMany(Strings)) text.Append(Decode(s.Value, current));
                    text.Append('\n');
                }
            }
        }
        return text.ToString();
    }

    private static IEnumerable<COperator> Operators(CSequence sequence)
    {
        foreach (var item in sequence)
        {
            if (item is COperator op) yield return op;
            else if (item is CSequence inner) foreach (var nested in Operators(inner)) yield return nested;
        }
    }

    private static IEnumerable<CString> Strings(CObject operand) => operand switch
    {
        CString s => [s],
        CArray a => a.OfType<CString>(),
        _ => [],
    };

    /// <summary>Two bytes per glyph id when the font has a map; plain text otherwise.</summary>
    private static string Decode(string raw, Dictionary<int, string> map)
    {
        if (map.Count == 0) return raw;
        var text = new StringBuilder();
        for (var i = 0; i + 1 < raw.Length; i += 2)
            text.Append(map.GetValueOrDefault((raw[i] << 8) | raw[i + 1], "?"));
        return text.ToString();
    }

    private static Dictionary<int, string> ToUnicode(PdfDictionary? font)
    {
        var map = new Dictionary<int, string>();
        var cmap = font?.Elements.GetDictionary("/ToUnicode")?.Stream?.UnfilteredValue;
        if (cmap is null) return map;
        var source = Encoding.ASCII.GetString(cmap);
        foreach (Match block in BfChars().Matches(source))
            foreach (Match pair in Pair().Matches(block.Groups[1].Value))
                map[Hex(pair.Groups[1].Value)] = Utf16(pair.Groups[2].Value);
        foreach (Match block in BfRanges().Matches(source))
            foreach (Match range in Range().Matches(block.Groups[1].Value))
            {
                var (from, to, start) = (Hex(range.Groups[1].Value), Hex(range.Groups[2].Value), Hex(range.Groups[3].Value));
                for (var g = from; g <= to; g++) map[g] = char.ConvertFromUtf32(start + g - from);
            }
        return map;
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string hex) =>
        Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChars();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRanges();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Range();
}
