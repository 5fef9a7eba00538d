using System.Net;
using Ktp.Testing;

namespace Ktp.Web.Tests.Tenancy;

public sealed class TenantIsolationTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<string> SignUpAsync(string company, string email)
    {
        var client = app.Browser();
        var slug = "iso-" + Guid.NewGuid().ToString("N")[..8];
        var response = await HtmlForms.SubmitAsync(client, "/signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = company,
            ["Input.Slug"] = slug,
            ["Input.AdminName"] = "Admin of " + company,
            ["Input.Email"] = email,
            ["Input.Password"] = KtpHost.Password,
            ["Input.Culture"] = "en",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return slug;
    }

    [Fact]
    public async Task A_tenant_admin_cannot_reach_another_tenants_pages_or_api()
    {
        var slugA = await SignUpAsync("Alpha Ltd", "boss@alpha.test");
        var slugB = await SignUpAsync("Beta Ltd", "boss@beta.test");
        var alpha = await app.SignedInAsync(slugA, "boss@alpha.test");

        var page = await alpha.GetAsync($"/t/{slugB}/admin/users");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldStartWith($"/t/{slugB}/login");
        (await alpha.GetAsync($"/t/{slugB}/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var own = await alpha.GetStringAsync($"/t/{slugA}/api/v1/users");
        own.ShouldContain("boss@alpha.test");
        own.ShouldNotContain("boss@beta.test");
    }

    [Fact]
    public async Task Signing_up_twice_with_one_address_is_refused_and_writes_nothing_more()
    {
        var slug = await SignUpAsync("Gamma", "g@gamma.test");
        var response = await HtmlForms.SubmitAsync(app.Browser(), "/signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = "Gamma again",
            ["Input.Slug"] = slug,
            ["Input.AdminName"] = "Someone",
            ["Input.Email"] = "other@gamma.test",
            ["Input.Password"] = KtpHost.Password,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("уже занят");
    }

    [Fact]
    public async Task Html_and_sql_in_sign_up_fields_are_stored_as_text_and_shown_encoded()
    {
        var company = "<script>alert('x')</script>'; DROP TABLE tenants; --";
        var slug = await SignUpAsync(company, "html@evil.test");
        var client = await app.SignedInAsync(slug, "html@evil.test");
        var html = await client.GetStringAsync($"/t/{slug}");
        html.ShouldNotContain("<script>alert('x')</script>");
        html.ShouldContain("&lt;script&gt;");
        (await client.GetAsync($"/t/{slug}/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK, "the tenants table is still there");
    }

    [Fact]
    public async Task Malformed_sign_up_data_lists_every_problem_and_creates_nothing()
    {
        var response = await HtmlForms.SubmitAsync(app.Browser(), "/signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = "X",
            ["Input.Slug"] = "Bad Slug!",
            ["Input.AdminName"] = "",
            ["Input.Email"] = "not-an-email",
            ["Input.Password"] = "short",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Название компании");
        html.ShouldContain("Введите правильный адрес почты");
        html.ShouldContain("Адрес — 3–50");
        (await app.Browser().GetAsync("/t/bad-slug/login")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Password123")]
    [InlineData("Qwerty123456")]
    [InlineData("P@ssw0rd2024")]
    public async Task A_common_password_is_refused_at_sign_up_even_when_it_meets_the_character_rules(string password)
    {
        var slug = "pw-" + Guid.NewGuid().ToString("N")[..8];
        var response = await HtmlForms.SubmitAsync(app.Browser(), "/signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = "Weak Ltd",
            ["Input.Slug"] = slug,
            ["Input.AdminName"] = "Admin",
            ["Input.Email"] = $"boss@{slug}.test",
            ["Input.Password"] = password,
            ["Input.Culture"] = "en",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "no tenant is created");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Это один из самых распространённых паролей");
    }
}
