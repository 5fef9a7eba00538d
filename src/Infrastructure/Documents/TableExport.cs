using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ktp.Infrastructure.Documents;

/// <summary>Tables as CSV (UTF-8 with BOM, so Excel reads Cyrillic) and as XLSX with typed cells.</summary>
public static class TableExport
{
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        var text = new System.Text.StringBuilder();
        text.AppendJoin(',', headers.Select(Quote)).Append("\r\n");
        foreach (var row in rows) text.AppendJoin(',', row.Select(c => Quote(Format(c)))).Append("\r\n");
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>RFC 4180: quote fields with commas, quotes or line breaks; double the quotes inside.</summary>
    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.AppendChild(new Row(headers.Select(h => (OpenXmlElement)TextCell(h))));
            foreach (var row in rows) data.AppendChild(new Row(row.Select(Cell)));
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static OpenXmlElement Cell(object? value) => value switch
    {
        decimal d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)) },
        int or long => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
        _ => TextCell(Format(value)),
    };

    private static Cell TextCell(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.00##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
