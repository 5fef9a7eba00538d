using System.Globalization;
using Bunit;
using Ktp.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Ktp.Web.Tests.Components;

/// <summary>A bunit context as a Russian-speaking user's circuit has it: MudBlazor's services and the app's texts.</summary>
public static class RussianBunit
{
    public static BunitContext NewContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLogging().AddLocalization();
        context.Services.AddSingleton<IStringLocalizer<SharedResource>, ModuleTexts>();
        return context;
    }
}
