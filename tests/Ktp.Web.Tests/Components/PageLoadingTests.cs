using Bunit;
using Ktp.Web.Components.Shared;

namespace Ktp.Web.Tests.Components;

/// <summary>A page whose data is still loading is not blank: it has its heading and a named progress bar.</summary>
public sealed class PageLoadingTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = RussianBunit.NewContext();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public void The_page_heading_and_a_progress_bar_named_in_the_user_s_language_are_shown()
    {
        var loading = _bunit.Render<PageLoading>(p => p.Add(c => c.Title, "SLA и календарь"));

        loading.Find("h1").TextContent.ShouldBe("SLA и календарь");
        loading.Find("[data-testid=page-loading]").GetAttribute("aria-label").ShouldBe("Загрузка");
    }
}
