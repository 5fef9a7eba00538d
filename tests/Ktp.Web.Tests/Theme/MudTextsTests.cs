using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Ktp.Web.Components.Theme;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ktp.Web.Tests.Theme;

/// <summary>MudBlazor's own texts in Russian: each translation fills the same slots as MudBlazor's English text.</summary>
public sealed partial class MudTextsTests
{
    private static Dictionary<string, string> English()
    {
        var assembly = typeof(MudBlazor.MudText).Assembly;
        using var reader = new ResourceReader(assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources")))!);
        return reader.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static MudTexts Texts() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));

    [Fact]
    public void Every_Russian_text_keeps_the_slots_MudBlazor_fills()
    {
        var english = English();
        WithCulture("ru", () =>
        {
            var translated = english.Keys.Select(k => (Key: k, Text: Texts()[k])).Where(t => !t.Text.ResourceNotFound).ToList();
            translated.Count.ShouldBeGreaterThan(140);
            translated.Where(t => Slots(t.Text.Value) != Slots(english[t.Key])).Select(t => $"{t.Key}: {t.Text.Value}").ShouldBeEmpty();
        });
    }

    [Fact]
    public void The_pager_reads_in_Russian() =>
        WithCulture("ru", () => Texts()["MudDataGridPager_InfoFormat", 1, 10, 42].Value.ShouldBe("1–10 из 42"));

    [Fact]
    public void A_text_with_slots_asked_without_arguments_comes_back_unformatted() =>
        WithCulture("ru", () => Texts()["MudNavGroup_ToggleExpand"].Value.ShouldBe("Развернуть или свернуть: {0}"));

    private static void WithCulture(string culture, Action check)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { check(); } finally { CultureInfo.CurrentUICulture = before; }
    }

    private static string Slots(string text) => string.Join(",", SlotPattern().Matches(text).Select(m => m.Value).Order());

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex SlotPattern();
}
