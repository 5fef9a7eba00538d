using PdfSharp.Fonts;

namespace Ktp.Infrastructure.Documents;

/// <summary>
/// PDFsharp needs font files on Linux. Documents use DejaVu Sans (Cyrillic and Latin) from the
/// machine's fonts folder (Debian package fonts-dejavu-core, which './ktp' installs when missing).
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
    private static readonly object Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is PdfFonts) return;
            GlobalFontSettings.FontResolver = new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new FileNotFoundException($"Font {faceName}.ttf not found in {string.Join(", ", Folders)}. Install the Debian package fonts-dejavu-core.");
    }
}
