using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Ktp.Web.Components.Theme;

/// <summary>MudBlazor's own texts (pager, grid filters, dialogs) in the UI language: MudTexts.ru.resx beside this file.</summary>
public sealed class MudTexts(IStringLocalizerFactory factory) : MudLocalizer
{
    private readonly IStringLocalizer _texts = factory.Create(typeof(MudTexts));

    public override LocalizedString this[string key] => _texts[key];

    // MudBlazor asks with an empty argument list for texts holding named slots such as {first_item}, which it fills itself.
    public override LocalizedString this[string key, params object[] arguments] =>
        arguments.Length == 0 ? _texts[key] : _texts[key, arguments];
}
