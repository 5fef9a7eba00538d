using System.Net;
using System.Text;
using System.Text.Json;
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

    private async Task<(InquiryTestKit Kit, HttpClient Client)> ClientAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        return (kit, await app.ApiKeyClientAsync(kit.Tenant, Privilege.InquiriesWork, Privilege.UsersManage));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Inquiry(Guid projectId, string customerName) => $$$"""
        {"projectId":"{{{projectId}}}","customer":{"name":{{{customerName}}},"phone":"+79001234567"},"direction":"in","channel":"web",
         "inquiries":[{"topicId":"{{{InquiryTestKit.Complaint.Value}}}","attributes":{"contract":"K-1","amount":"2000"}}]}
        """;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        return JsonDocument.Parse(body).RootElement.Clone();
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
        var (kit, client) = await ClientAsync();
        NamesField(await ProblemAsync(await client.PostAsync("/t/demo/api/v1/inquiries", Json(Inquiry(kit.ProjectId, "\"Ivan\\u0000Petrov\"")))), "customer.name");
        NamesField(await ProblemAsync(await client.PostAsync("/t/demo/api/v1/inquiries", Json(Inquiry(kit.ProjectId, "\"Ivan \\ud800\"")))), "customer.name");
        NamesField(await ProblemAsync(await client.PostAsync("/t/demo/api/v1/users", Json("""{"email":"a\u0000@x.ru","displayName":"A","roles":[]}"""))), "email");

        (await client.PostAsync("/t/demo/api/v1/inquiries", Json(Inquiry(kit.ProjectId, "\"Ivan Petrov\\tjr\""))))
            .StatusCode.ShouldBe(HttpStatusCode.Created, "a tab is ordinary text");
    }

    [Fact]
    public async Task Strings_longer_than_their_field_are_refused_before_reaching_the_database()
    {
        var (kit, client) = await ClientAsync();
        var longEmail = new string('я', 3000) + "@example.ru"; // past PostgreSQL's index row limit when stored
        NamesField(await ProblemAsync(await client.PostAsync("/t/demo/api/v1/users", Json($$"""{"email":"{{longEmail}}","displayName":"A","roles":[]}"""))), "email");
        NamesField(await ProblemAsync(await client.PostAsync("/t/demo/api/v1/inquiries", Json(Inquiry(kit.ProjectId, $"\"{new string('x', 100_000)}\"")))), "customer.name");
        var list = await client.GetAsync("/t/demo/api/v1/users");
        (await list.Content.ReadAsStringAsync()).ShouldNotContain("яяя");
    }

    [Fact]
    public async Task Missing_and_null_required_fields_are_named()
    {
        var (kit, client) = await ClientAsync();
        var noEmail = await ProblemAsync(await client.PostAsync("/t/demo/api/v1/users", Json("""{"displayName":"A","roles":[]}""")));
        noEmail.ToString().ShouldContain("email", Case.Insensitive);
        var nullName = await ProblemAsync(await client.PostAsync("/t/demo/api/v1/users", Json("""{"email":"n@x.ru","displayName":null,"roles":[]}""")));
        nullName.ToString().ShouldContain("displayName", Case.Insensitive);
        var nullType = await ProblemAsync(await client.PostAsync($"/t/demo/api/v1/inquiries/{Guid.NewGuid()}/events", Json("""{"type":null}""")));
        nullType.ToString().ShouldContain("type", Case.Insensitive);
        var noInquiries = await ProblemAsync(await client.PostAsync("/t/demo/api/v1/inquiries", Json($$"""{"projectId":"{{kit.ProjectId}}","direction":"in","channel":"web"}""")));
        noInquiries.ToString().ShouldContain("inquiries", Case.Insensitive);
    }

    [Fact]
    public async Task Malformed_json_answers_where_it_broke()
    {
        var (kit, client) = await ClientAsync();
        var problem = await ProblemAsync(await client.PostAsync("/t/demo/api/v1/inquiries", Json($$"""{"projectId":"{{kit.ProjectId}}", "direction": in}""")));
        var detail = problem.GetProperty("detail").GetString()!;
        detail.ShouldContain("$.direction", Case.Sensitive, detail);
        detail.ShouldContain("position", Case.Insensitive, detail);
        var wrongType = await ProblemAsync(await client.PostAsync("/t/demo/api/v1/inquiries", Json($$"""{"projectId":"{{kit.ProjectId}}","direction":"in","channel":"web","inquiries":5}""")));
        wrongType.GetProperty("detail").GetString()!.ShouldContain("$.inquiries");
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    public async Task The_language_switch_refuses_a_return_address_outside_the_site(string returnUrl)
    {
        var response = await app.Browser().GetAsync($"/culture?c=en&returnUrl={Uri.EscapeDataString(returnUrl)}");
        await ProblemAsync(response);
        response.Headers.Location.ShouldBeNull();
        var fine = await app.Browser().GetAsync("/culture?c=en&returnUrl=%2Ft%2Fdemo%2Flogin");
        fine.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        fine.Headers.Location!.ToString().ShouldBe("/t/demo/login");
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_logged_500_that_carries_the_request_id()
    {
        var client = app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/demo/api/v1/boom");
        request.Headers.Add(RequestLogging.RequestIdHeader, "req-boom-1");
        var response = await client.SendAsync(request);
        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
        response.Headers.GetValues(RequestLogging.RequestIdHeader).ShouldBe(["req-boom-1"]);
        problem.GetProperty("requestId").GetString().ShouldBe("req-boom-1");
        problem.ToString().ShouldNotContain("a bug"); // the exception's text stays in the log
    }
}
