using System.Net;
using System.Text.RegularExpressions;

namespace Ktp.Web.Tests.Identity;

public sealed class SignInTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_reaches_the_dashboard()
    {
        var client = await app.SignedInAsync("demo", "operator@demo.ktp");
        var page = await client.GetAsync("/t/demo");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Анна Иванова");
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var response = await KtpHost.SignInAsync(app.Browser(), "demo", "pm@demo.ktp", "not-the-password");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Неверная почта или пароль");
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password()
    {
        var client = app.Browser();
        for (var i = 0; i < 5; i++) await KtpHost.SignInAsync(client, "demo", "executor@demo.ktp", "wrong-" + i);

        var response = await KtpHost.SignInAsync(client, "demo", "executor@demo.ktp", KtpHost.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a locked account must not be signed in");
        (await response.Content.ReadAsStringAsync()).ShouldContain("повторите позже или сбросьте пароль");
    }

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_a_locked_account_get_the_same_answer()
    {
        var client = app.Browser();
        var unknown = await RefusalAsync(client, "nobody-here@demo.ktp", "Whatever-Password-1");
        var wrong = await RefusalAsync(client, "qa@demo.ktp", "not-the-password");
        for (var i = 0; i < 5; i++) await KtpHost.SignInAsync(client, "demo", "qalead@demo.ktp", "wrong-" + i);
        var locked = await RefusalAsync(client, "qalead@demo.ktp", KtpHost.Password);

        unknown.ShouldContain("Неверная почта или пароль");
        wrong.ShouldBe(unknown);
        locked.ShouldBe(unknown);
    }

    private static async Task<string> RefusalAsync(HttpClient client, string email, string password)
    {
        var response = await KtpHost.SignInAsync(client, "demo", email, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Regex.Match(await response.Content.ReadAsStringAsync(), "<div class=\"ktp-errors\" role=\"alert\">([^<]*)</div>").Groups[1].Value;
    }

    [Fact]
    public async Task A_user_without_the_privilege_gets_403_on_the_page()
    {
        var client = await app.SignedInAsync("demo", "operator2@demo.ktp");
        (await client.GetAsync("/t/demo/admin/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/t/demo/admin/roles")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/t/demo/platform/tenants")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_user_without_the_privilege_gets_403_on_the_api()
    {
        var client = await app.SignedInAsync("demo", "qa@demo.ktp");
        (await client.GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var admin = await app.SignedInAsync("demo", "admin@demo.ktp");
        var users = await admin.GetAsync("/t/demo/api/v1/users");
        users.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await users.Content.ReadAsStringAsync()).ShouldContain("qa@demo.ktp");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_workspace_login()
    {
        var response = await app.Browser().GetAsync("/t/demo/admin/users");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("/t/demo/login");
        (await app.Browser().GetAsync("/t/demo/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_workspace_is_404()
    {
        (await app.Browser().GetAsync("/t/no-such-workspace/login")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
