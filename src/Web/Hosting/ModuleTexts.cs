using Microsoft.Extensions.Localization;

namespace Ktp.Web.Hosting;

/// <summary>
/// The UI's one localizer: each module's texts (a resx beside its registration class) first, then the shared
/// ones. Pages keep a single <c>L</c>, and a module adds its texts without touching another module's file.
/// </summary>
public sealed class ModuleTexts : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer[] _sources;
    private readonly SentenceTexts _sentences;

    public ModuleTexts(IStringLocalizerFactory factory)
    {
        _sources = [.. KtpModules.All.Select(m => factory.Create(m.GetType())), factory.Create(typeof(SharedResource))];
        _sentences = new SentenceTexts(() => _sources.SelectMany(NamesIn));
    }

    public LocalizedString this[string name] => Find(s => s[name]) ?? Sentence(name) ?? new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        Find(s => s[name, arguments]) ?? new LocalizedString(name, string.Format(System.Globalization.CultureInfo.CurrentCulture, name, arguments), resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _sources.SelectMany(s => s.GetAllStrings(includeParentCultures)).DistinctBy(s => s.Name);

    // A module without texts in the culture (English has no resx: the names are the English texts) has no names to offer.
    private static IEnumerable<string> NamesIn(IStringLocalizer source)
    {
        try
        {
            return [.. source.GetAllStrings(includeParentCultures: true).Select(s => s.Name)];
        }
        catch (System.Resources.MissingManifestResourceException)
        {
            return [];
        }
    }

    /// <summary>A sentence with values written in, said in its wording's text with each value translated where it is a text.</summary>
    private LocalizedString? Sentence(string name) =>
        _sentences.Find(name) is var (wording, values) && Find(s => s[wording, [.. values.Select(v => this[v].Value)]]) is { } text
            ? new LocalizedString(name, text.Value, resourceNotFound: false)
            : null;

    private LocalizedString? Find(Func<IStringLocalizer, LocalizedString> lookup)
    {
        foreach (var source in _sources)
        {
            var text = lookup(source);
            if (!text.ResourceNotFound) return text;
        }
        return null;
    }
}
