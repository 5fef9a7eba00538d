using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Ktp.Testing;

namespace Ktp.Web.Tests.Identity;

public sealed partial class PasswordResetTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task A_reset_link_travels_as_a_message_to_the_dev_mailbox_and_sets_a_new_password()
    {
        var client = app.Browser();
        var asked = await HtmlForms.SubmitAsync(client, "/t/demo/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "hr@demo.ktp" });
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asked.Content.ReadAsStringAsync()).ShouldContain("reset-sent");

        // The e-mail handler delivers the mail after the request committed (within 30 s even on a loaded machine).
        string? body = null;
        for (var i = 0; i < 300 && body is null; i++)
        {
            await using var owner = app.Database.OpenOwner();
            body = await owner.QueryFirstOrDefaultAsync<string>("SELECT body FROM dev_mailbox WHERE recipient = 'hr@demo.ktp' ORDER BY message_id DESC");
            if (body is null) await Task.Delay(100);
        }
        body.ShouldNotBeNull("the reset mail should reach the dev mailbox");
        var admin = await app.SignedInAsync("demo", "admin@demo.ktp");
        (await admin.GetStringAsync("/t/demo/dev/mailbox")).ShouldContain("hr@demo.ktp");

        var link = new Uri(ResetLink().Match(body).Value);
        var reset = await HtmlForms.SubmitAsync(client, link.PathAndQuery, new Dictionary<string, string> { ["Input.Password"] = "Brand-New-Password-9" });
        (await reset.Content.ReadAsStringAsync()).ShouldContain("reset-done");

        (await KtpHost.SignInAsync(app.Browser(), "demo", "hr@demo.ktp", "Brand-New-Password-9")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await KtpHost.SignInAsync(app.Browser(), "demo", "hr@demo.ktp", KtpHost.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password no longer works");
    }

    [Fact]
    public async Task The_dev_mailbox_is_for_the_tenant_admin_only()
    {
        var anonymous = await app.Browser().GetAsync("/t/demo/dev/mailbox");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/t/demo/login");

        var operatorClient = await app.SignedInAsync("demo", "operator@demo.ktp");
        (await operatorClient.GetAsync("/t/demo/dev/mailbox")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await app.SignedInAsync("demo", "admin@demo.ktp");
        (await admin.GetAsync("/t/demo/dev/mailbox")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forged_token_changes_nothing()
    {
        var client = app.Browser();
        var reset = await HtmlForms.SubmitAsync(client, "/t/demo/reset-password?email=qalead%40demo.ktp&token=forged", new Dictionary<string, string> { ["Input.Password"] = "Another-Password-9" });
        (await reset.Content.ReadAsStringAsync()).ShouldNotContain("reset-done");
        (await KtpHost.SignInAsync(app.Browser(), "demo", "qalead@demo.ktp", KtpHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Unknown_addresses_get_the_same_answer_and_no_mail()
    {
        var asked = await HtmlForms.SubmitAsync(app.Browser(), "/t/demo/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@demo.ktp" });
        (await asked.Content.ReadAsStringAsync()).ShouldContain("reset-sent");
        await app.RunDueAsync(DateTimeOffset.UtcNow);
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM dev_mailbox WHERE recipient = 'nobody@demo.ktp'")).ShouldBe(0);
    }

    [Fact]
    public async Task The_reset_link_starts_with_the_configured_address_whatever_the_Host_header_says()
    {
        var client = app.Browser();
        client.BaseAddress = new Uri("http://attacker.example");
        var asked = await HtmlForms.SubmitAsync(client, "/t/demo/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "pgm@demo.ktp" });
        (await asked.Content.ReadAsStringAsync()).ShouldContain("reset-sent");

        var body = await MailToAsync("pgm@demo.ktp");
        ResetLink().Match(body).Value.ShouldStartWith("http://localhost:5080/t/demo/reset-password?");
        body.ShouldNotContain("attacker.example");
    }

    private async Task<string> MailToAsync(string recipient)
    {
        for (var i = 0; i < 300; i++)
        {
            await using var owner = app.Database.OpenOwner();
            var body = await owner.QueryFirstOrDefaultAsync<string>("SELECT body FROM dev_mailbox WHERE recipient = @recipient ORDER BY message_id DESC", new { recipient });
            if (body is not null) return body;
            await Task.Delay(100);
        }
        throw new ShouldAssertException($"No mail reached {recipient} within 30 s.");
    }

    [GeneratedRegex(@"http\S+/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
