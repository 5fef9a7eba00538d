using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ktp.Infrastructure.Documents;

/// <summary>A plain A4 business document: title, blocks of label/value lines, and a table that flows over pages.</summary>
public sealed class SimplePdf
{
    private const double Margin = 40;
    private readonly PdfDocument _document;
    private readonly XFont _title;
    private readonly XFont _bold;
    private readonly XFont _text;
    private PdfPage _page = null!;
    private XGraphics _gfx = null!;
    private double _y;

    public SimplePdf(string title)
    {
        PdfFonts.EnsureRegistered(); // before any PDFsharp object: license and fonts
        _document = new PdfDocument();
        _title = new XFont(PdfFonts.Family, 16, XFontStyleEx.Bold);
        _bold = new XFont(PdfFonts.Family, 9, XFontStyleEx.Bold);
        _text = new XFont(PdfFonts.Family, 9, XFontStyleEx.Regular);
        _document.Info.Title = title;
        NewPage();
        _gfx.DrawString(title, _title, XBrushes.Black, new XPoint(Margin, _y + 16));
        _y += 32;
    }

    public SimplePdf Lines(params (string Label, string Value)[] lines)
    {
        foreach (var (label, value) in lines)
        {
            NeedRoom(14);
            _gfx.DrawString(label, _bold, XBrushes.Black, new XPoint(Margin, _y + 10));
            _gfx.DrawString(value, _text, XBrushes.Black, new XPoint(Margin + 170, _y + 10));
            _y += 14;
        }
        _y += 8;
        return this;
    }

    public SimplePdf Text(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            NeedRoom(13);
            _gfx.DrawString(line, _text, XBrushes.Black, new XPoint(Margin, _y + 10));
            _y += 13;
        }
        _y += 6;
        return this;
    }

    /// <param name="widths">Column widths in points; columns flagged in <paramref name="rightAligned"/> are numbers.</param>
    public SimplePdf Table(string[] headers, double[] widths, bool[] rightAligned, IEnumerable<string[]> rows)
    {
        void Row(string[] cells, XFont font)
        {
            NeedRoom(14);
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                var text = Fit(cells[i], font, widths[i] - 4);
                var rect = new XRect(x + 2, _y, widths[i] - 4, 14);
                _gfx.DrawString(text, font, XBrushes.Black, rect, rightAligned[i] ? XStringFormats.CenterRight : XStringFormats.CenterLeft);
                x += widths[i];
            }
            _y += 14;
        }
        Row(headers, _bold);
        _gfx.DrawLine(XPens.Gray, Margin, _y, Margin + widths.Sum(), _y);
        foreach (var row in rows) Row(row, _text);
        _y += 8;
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        _gfx.Dispose();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_gfx.MeasureString(text, font).Width <= width) return text;
        while (text.Length > 1 && _gfx.MeasureString(text + "…", font).Width > width) text = text[..^1];
        return text + "…";
    }

    private void NeedRoom(double height)
    {
        if (_y + height > _page.Height.Point - Margin) NewPage();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }
}
