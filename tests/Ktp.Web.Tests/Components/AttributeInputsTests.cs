using System.Globalization;
using Bunit;
using Ktp.Domain.Inquiries;
using Ktp.Web.Hosting;
using Ktp.Web.Inquiries.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;

namespace Ktp.Web.Tests.Components;

/// <summary>The rule-driven attribute form as the operator sees it (MudBlazor, Russian texts).</summary>
public sealed class AttributeInputsTests : IAsyncLifetime
{
    // MudBlazor's services are disposed asynchronously only: the context is disposed so, not through xUnit's Dispose.
    private readonly BunitContext _bunit = new();

    private static readonly AttributeDefinition[] Attributes =
    [
        new("contract", "Номер договора", AttributeType.String) { Required = FlagRule.When("""{"==":[{"var":"channel"},"phone"]}""") },
        new("promo", "Промокод", AttributeType.String) { Hidden = FlagRule.When("""{"==":[{"var":"channel"},"phone"]}""") },
        new("card_refund", "Вернуть на карту", AttributeType.Boolean),
    ];

    public AttributeInputsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ru");
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices();
        _bunit.Services.AddLocalization();
        _bunit.Services.AddSingleton<IStringLocalizer<SharedResource>, ModuleTexts>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<AttributeInputs> Render(string channel, bool showErrors, List<(string Code, string? Text)>? changes = null) =>
        _bunit.Render<AttributeInputs>(p => p
            .Add(c => c.Form, AttributeForm.Evaluate(Attributes, new Dictionary<string, string?>(), new FormContext(Channel: channel)))
            .Add(c => c.ShowErrors, showErrors)
            .Add(c => c.OnChange, (ValueTuple<string, string?> change) => changes?.Add(change)));

    [Fact]
    public void A_call_makes_the_contract_required_and_hides_the_promo_code()
    {
        var form = Render("phone", showErrors: true);

        form.Find("label[for=attr-contract]").TextContent.ShouldContain("Номер договора *");
        form.Find("[data-testid=error-contract]").TextContent.ShouldBe("Заполните это поле.");
        form.FindAll("#attr-promo").ShouldBeEmpty();
        form.Markup.ShouldContain("Вернуть на карту");
    }

    [Fact]
    public void By_email_the_contract_is_optional_and_the_promo_code_shows()
    {
        var form = Render("email", showErrors: true);

        form.Find("label[for=attr-contract]").TextContent.ShouldNotContain("*");
        form.FindAll("[data-testid=error-contract]").ShouldBeEmpty();
        form.FindAll("#attr-promo").Count.ShouldBe(1);
    }

    [Fact]
    public void No_error_shows_before_the_operator_tries_to_save()
    {
        var form = Render("phone", showErrors: false);
        form.FindAll("[data-testid=error-contract]").ShouldBeEmpty();
    }

    [Fact]
    public void Typing_reports_the_code_and_the_text()
    {
        var changes = new List<(string Code, string? Text)>();
        var form = Render("phone", showErrors: false, changes);

        form.Find("#attr-contract").Input("Д-1001");

        changes.ShouldContain(("contract", "Д-1001"));
    }
}
