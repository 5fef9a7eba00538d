using Microsoft.Extensions.Localization;

namespace Ktp.Web.Hosting;

/// <summary>
/// The UI's one localizer: each module's texts (a resx beside its registration class) first, then the shared
/// ones. Pages keep a single <c>L</c>, and a module adds its texts without touching another module's file.
/// </summary>
public sealed class ModuleTexts : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer[] _sources;

    public ModuleTexts(IStringLocalizerFactory factory) =>
        _sources = [.. KtpModules.All.Select(m => factory.Create(m.GetType())), factory.Create(typeof(SharedResource))];

    public LocalizedString this[string name] => Find(s => s[name]) ?? new LocalizedString(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        Find(s => s[name, arguments]) ?? new LocalizedString(name, string.Format(System.Globalization.CultureInfo.CurrentCulture, name, arguments), resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _sources.SelectMany(s => s.GetAllStrings(includeParentCultures)).DistinctBy(s => s.Name);

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
