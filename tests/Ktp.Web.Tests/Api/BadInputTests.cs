using System.Text.Json;
using Alba;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Observability;
using Ktp.Web.Tests.Inquiries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Api;

/// <summary>Inputs that once answered 500: each is now refused at the edge with problem+json 400 naming the field.</summary>
public sealed class BadInputTests(BadInputTests.App app) : IClassFixture<BadInputTests.App>
{
    /// <summary>The app plus one endpoint that fails unexpectedly, to see what a real bug answers.</summary>
    public sealed class App : KtpHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        }
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        // Added after the app's own pipeline, so it runs inside the app's error handling like any endpoint.
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use((HttpContext context, RequestDelegate following) => context.Request.Path == "/t/demo/api/v1/boom"
                ? throw new InvalidOperationException("a bug")
                : following(context));
        };
    }

    private async Task<(InquiryTestKit Kit, string Key)> KeyAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        return (kit, await app.ApiKeyAsync(kit.Tenant, Privilege.InquiriesWork, Privilege.UsersManage));
    }

    private static string Inquiry(Guid projectId, string customerName) => $$$"""
        {"projectId":"{{{projectId}}}","customer":{"name":{{{customerName}}},"phone":"+79001234567"},"direction":"in","channel":"web",
         "inquiries":[{"topicId":"{{{InquiryTestKit.Complaint.Value}}}","attributes":{"contract":"K-1","amount":"2000"}}]}
        """;

    private Task<IScenarioResult> PostAsync(string key, string url, string json, int status) =>
        app.Host.CallAsync(key, s => s.PostRawJson(url, json), status);

    /// <summary>The problem+json body of a refusal (400 unless said otherwise).</summary>
    private async Task<JsonElement> ProblemAsync(string key, string url, string json)
    {
        var result = await PostAsync(key, url, json, 400);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        return await result.ReadJsonElementAsync();
    }

    // Field errors name the field; a body the JSON reader itself refuses names the path where it broke.
    private static void NamesField(JsonElement problem, string field)
    {
        if (problem.TryGetProperty("errors", out var errors))
            errors.EnumerateObject().Select(e => e.Name).ShouldContain(e => e.Equals(field, StringComparison.OrdinalIgnoreCase), problem.ToString());
        else
            problem.GetProperty("detail").GetString()!.ShouldContain("$." + field, Case.Insensitive, problem.ToString());
    }

    [Fact]
    public async Task Control_characters_and_broken_unicode_are_refused_naming_the_field()
    {
        var (kit, key) = await KeyAsync();
        NamesField(await ProblemAsync(key, "/t/demo/api/v1/inquiries", Inquiry(kit.ProjectId, "\"Ivan\\u0000Petrov\"")), "customer.name");
        NamesField(await ProblemAsync(key, "/t/demo/api/v1/inquiries", Inquiry(kit.ProjectId, "\"Ivan \\ud800\"")), "customer.name");
        NamesField(await ProblemAsync(key, "/t/demo/api/v1/users", """{"email":"a\u0000@x.ru","displayName":"A","roles":[]}"""), "email");

        await PostAsync(key, "/t/demo/api/v1/inquiries", Inquiry(kit.ProjectId, "\"Ivan Petrov\\tjr\""), 201); // a tab is ordinary text
    }

    [Fact]
    public async Task Strings_longer_than_their_field_are_refused_before_reaching_the_database()
    {
        var (kit, key) = await KeyAsync();
        var longEmail = new string('я', 3000) + "@example.ru"; // past PostgreSQL's index row limit when stored
        NamesField(await ProblemAsync(key, "/t/demo/api/v1/users", $$"""{"email":"{{longEmail}}","displayName":"A","roles":[]}"""), "email");
        NamesField(await ProblemAsync(key, "/t/demo/api/v1/inquiries", Inquiry(kit.ProjectId, $"\"{new string('x', 100_000)}\"")), "customer.name");
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/t/demo/api/v1/users");
            s.WithBearerToken(key);
            s.ContentShouldNotContain("яяя");
        });
    }

    [Fact]
    public async Task Missing_and_null_required_fields_are_named()
    {
        var (kit, key) = await KeyAsync();
        (await ProblemAsync(key, "/t/demo/api/v1/users", """{"displayName":"A","roles":[]}""")).ToString().ShouldContain("email", Case.Insensitive);
        (await ProblemAsync(key, "/t/demo/api/v1/users", """{"email":"n@x.ru","displayName":null,"roles":[]}""")).ToString().ShouldContain("displayName", Case.Insensitive);
        (await ProblemAsync(key, $"/t/demo/api/v1/inquiries/{Guid.NewGuid()}/events", """{"type":null}""")).ToString().ShouldContain("type", Case.Insensitive);
        (await ProblemAsync(key, "/t/demo/api/v1/inquiries", $$"""{"projectId":"{{kit.ProjectId}}","direction":"in","channel":"web"}"""))
            .ToString().ShouldContain("inquiries", Case.Insensitive);
    }

    [Fact]
    public async Task Malformed_json_answers_where_it_broke()
    {
        var (kit, key) = await KeyAsync();
        var detail = (await ProblemAsync(key, "/t/demo/api/v1/inquiries", $$"""{"projectId":"{{kit.ProjectId}}", "direction": in}""")).GetProperty("detail").GetString()!;
        detail.ShouldContain("$.direction", Case.Sensitive, detail);
        detail.ShouldContain("position", Case.Insensitive, detail);
        (await ProblemAsync(key, "/t/demo/api/v1/inquiries", $$"""{"projectId":"{{kit.ProjectId}}","direction":"in","channel":"web","inquiries":5}"""))
            .GetProperty("detail").GetString()!.ShouldContain("$.inquiries");
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    public async Task The_language_switch_refuses_a_return_address_outside_the_site(string returnUrl)
    {
        var refused = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/culture?c=en&returnUrl={Uri.EscapeDataString(returnUrl)}");
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });
        refused.Context.Response.Headers.Location.ShouldBeEmpty();
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/culture?c=en&returnUrl=%2Ft%2Fdemo%2Flogin");
            s.StatusCodeShouldBe(302);
            s.Header("Location").SingleValueShouldEqual("/t/demo/login");
        });
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_logged_500_that_carries_the_request_id()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/t/demo/api/v1/boom");
            s.WithRequestHeader(RequestLogging.RequestIdHeader, "req-boom-1");
            s.StatusCodeShouldBe(500);
            s.ContentTypeShouldBe("application/problem+json");
            s.Header(RequestLogging.RequestIdHeader).SingleValueShouldEqual("req-boom-1");
        });
        var problem = await result.ReadJsonElementAsync();
        problem.GetProperty("requestId").GetString().ShouldBe("req-boom-1");
        problem.ToString().ShouldNotContain("a bug"); // the exception's text stays in the log
    }
}
