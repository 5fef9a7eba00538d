using Bunit;
using Ktp.Domain.Common;
using Ktp.Web.Orders.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Ktp.Web.Tests.Components;

/// <summary>
/// The dispatcher's actions shared by the order and task pages: done or refused is said in a snackbar in the user's
/// language, and a cancelled confirmation does nothing. (The actions themselves run on the real store in the order tests.)
/// </summary>
public sealed class OrderActionsTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = RussianBunit.NewContext();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    // No order work behind it: these tests never get as far as running one, and would fail if they did.
    private OrderActions Actions() => new(null!, _bunit.Services.GetRequiredService<IDialogService>(), Snackbar,
        _bunit.Services.GetRequiredService<IStringLocalizer<SharedResource>>());

    private ISnackbar Snackbar => _bunit.Services.GetRequiredService<ISnackbar>();

    [Fact]
    public async Task Done_is_said_in_a_success_snackbar()
    {
        (await Actions().RunAsync(() => Task.CompletedTask, "Задание передано")).ShouldBeTrue();

        var shown = Snackbar.ShownSnackbars.ShouldHaveSingleItem();
        shown.Message.ShouldBe("Задание передано");
        shown.Severity.ShouldBe(Severity.Success);
    }

    [Fact]
    public async Task A_refusal_is_said_in_the_user_s_language_and_nothing_is_claimed_done()
    {
        var done = await Actions().RunAsync(() => throw new ValidationFailedException("userId", "Choose a person who carries out tasks."), "Задание передано");

        done.ShouldBeFalse();
        var shown = Snackbar.ShownSnackbars.ShouldHaveSingleItem();
        shown.Message.ShouldBe("Выберите исполнителя заданий.");
        shown.Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public async Task An_unexpected_failure_is_not_swallowed()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => Actions().RunAsync(() => throw new InvalidOperationException("a bug"), "—"));
        Snackbar.ShownSnackbars.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_confirmation_runs_nothing()
    {
        var dialogs = _bunit.Render<MudDialogProvider>();
        var retry = Actions().RetryIncidentAsync("incident-1", "Подключение линии");

        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Шаг «Подключение линии» будет выполнен снова прямо сейчас."));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Отмена").Click();
        await retry;

        Snackbar.ShownSnackbars.ShouldBeEmpty();
    }
}
