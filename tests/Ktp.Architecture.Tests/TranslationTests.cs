using Ktp.Testing;
using Ktp.Web.Hosting;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ktp.Architecture.Tests;

/// <summary>Screens speak the user's language: every text a page asks for has a Russian translation.</summary>
public sealed partial class TranslationTests
{
    private static readonly string Web = Path.Combine(Path.GetDirectoryName(RepositoryFiles.PathTo("Ktp.sln"))!, "src/Web");

    private static readonly HashSet<string> Russian = Directory.GetFiles(Web, "*.ru.resx", SearchOption.AllDirectories)
        .Where(f => !f.Contains("/Theme/"))
        .SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => d.Attribute("name")!.Value))
        .ToHashSet();

    [Fact]
    public void Every_text_a_page_shows_has_a_Russian_translation()
    {
        var missing = Directory.GetFiles(Web, "*.razor", SearchOption.AllDirectories).Concat(Directory.GetFiles(Web, "*.razor.cs", SearchOption.AllDirectories))
            .SelectMany(f => TextKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Web, f), Key: m.Groups[1].Value.Replace("\\\"", "\""))))
            .Where(t => !Russian.Contains(t.Key))
            .Select(t => $"{t.File}: {t.Key}")
            .Distinct()
            .ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Every_menu_item_has_a_Russian_translation() =>
        KtpModules.All.SelectMany(m => m.Menu).Select(i => i.Text).Where(t => !Russian.Contains(t)).ShouldBeEmpty();

    // L["literal"] and L["literal", args] (T[...] where a component's own texts are T); keys built at run time (L["role:" + r]) are not matched.
    [GeneratedRegex("""\b[LT]\["((?:[^"\\]|\\.)+)"[,\]]""")]
    private static partial Regex TextKey();
}
