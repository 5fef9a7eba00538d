using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Domain.Orders;
using Ktp.Infrastructure.Orders;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Orders;

/// <summary>
/// The demo workspace with two services: "internet" (three user tasks its rules may ask for, then a call to the
/// provisioning system) and "equipment" (install, and a check when the customer wants one), each with its diagram.
/// </summary>
public sealed class OrderTestKit(KtpHost app)
{
    public TenantInfo Tenant { get; private set; } = null!;

    public static string Xml(string processId, string body) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:ktp="https://ktp.dev/bpmn"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_{processId}" targetNamespace="https://ktp.dev/tests">
          <process id="{processId}" name="{processId}" isExecutable="true">
            {body}
          </process>
        </definitions>
        """;

    public static string Flow(string id, string from, string to, string? condition = null) => condition is null
        ? $"""<sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><conditionExpression xsi:type="tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</conditionExpression></sequenceFlow>""";

    /// <summary>start → the tasks the rules chose (inclusive fork and join) → provisioning call → end.</summary>
    public static string InternetProcess(string endpoint, int retries = 3) => Xml("internet_connection", $"""
        <startEvent id="start" />
        <inclusiveGateway id="fork" default="f_none" />
        <userTask id="survey" name="Survey the address" ktp:candidateRole="executor" ktp:due="PT4H" />
        <userTask id="cable" name="Lay the cable" ktp:candidateRole="executor" />
        <userTask id="router" name="Deliver the router" ktp:candidateRole="executor" />
        <inclusiveGateway id="join" />
        <serviceTask id="provision" name="Open the line" ktp:endpoint="{endpoint}" ktp:retries="{retries}" />
        <endEvent id="end" />
        {Flow("f_start", "start", "fork")}
        {Flow("f_survey", "fork", "survey", """{"var":"tasks.survey"}""")}
        {Flow("f_cable", "fork", "cable", """{"var":"tasks.cable"}""")}
        {Flow("f_router", "fork", "router", """{"var":"tasks.router"}""")}
        {Flow("f_none", "fork", "join")}
        {Flow("f_survey_done", "survey", "join")}
        {Flow("f_cable_done", "cable", "join")}
        {Flow("f_router_done", "router", "join")}
        {Flow("f_provision", "join", "provision")}
        {Flow("f_end", "provision", "end")}
        """);

    /// <summary>start → install → (a check when the rules ask for it) → end.</summary>
    public static string EquipmentProcess() => Xml("equipment_install", $"""
        <startEvent id="start" />
        <userTask id="install" name="Install the equipment" ktp:candidateRole="executor" />
        <exclusiveGateway id="need_check" default="f_skip" />
        <userTask id="check" name="Check the installation" ktp:candidateRole="executor" />
        <endEvent id="end" />
        {Flow("f_start", "start", "install")}
        {Flow("f_install", "install", "need_check")}
        {Flow("f_check", "need_check", "check", """{"var":"tasks.check"}""")}
        {Flow("f_skip", "need_check", "end")}
        {Flow("f_checked", "check", "end")}
        """);

    public static CatalogueService Internet => new("internet", "Home internet", "internet_connection",
        [new ServiceParameter("tariff", "Tariff", ParameterType.Text, Required: true), new ServiceParameter("distance", "Cable length, m", ParameterType.Number)],
        [
            new TaskRule("survey", "Survey the address"),
            new TaskRule("cable", "Lay the cable", """{">":[{"var":"service.distance"},50]}"""),
            new TaskRule("router", "Deliver the router", """{"!":{"var":"order.ownRouter"}}"""),
        ]);

    public static CatalogueService Equipment => new("equipment", "Equipment installation", "equipment_install",
        [new ServiceParameter("model", "Model", ParameterType.Text)],
        [
            new TaskRule("install", "Install"),
            new TaskRule("check", "Check the installation", """{"==":[{"var":"service.model"},"premium"]}"""),
        ]);

    /// <summary>The demo workspace as the seed left it.</summary>
    public async Task<OrderTestKit> UseDemoAsync()
    {
        using var scope = app.Services.CreateScope();
        Tenant = (await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo"))!;
        return this;
    }

    public async Task<OrderTestKit> CreateAsync(string provisioningEndpoint, int retries = 3)
    {
        using var scope = app.Services.CreateScope();
        Tenant = (await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo"))!;
        using var admin = As("Настройщик", Privilege.OrdersConfigure);
        var definitions = app.Services.GetRequiredService<ProcessDefinitions>();
        var session = admin.ServiceProvider.GetRequiredService<CurrentSession>();
        await definitions.DeployAsync(session, InternetProcess(provisioningEndpoint, retries), default);
        await definitions.DeployAsync(session, EquipmentProcess(), default);
        var catalogue = admin.ServiceProvider.GetRequiredService<ServiceCatalogue>();
        await catalogue.SaveAsync(Internet);
        await catalogue.SaveAsync(Equipment);
        return this;
    }

    /// <summary>A scope acting as a person of the demo workspace holding <paramref name="privileges"/> (and the executor role).</summary>
    public IServiceScope As(string name, params string[] privileges)
    {
        var scope = app.Services.CreateScope();
        var claims = new List<Claim>
        {
            new(KtpClaims.UserId, StableId(name).ToString()), new(KtpClaims.DisplayName, name), new(ClaimTypes.Role, Role.Executor),
        };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(Tenant, new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }

    public static Guid StableId(string name) => new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
}

/// <summary>
/// A provisioning system on a real local port: it answers 503 to the first <paramref name="failures"/> calls, then 200
/// with the line it opened. Every call's body is kept.
/// </summary>
public sealed class FakeProvisioning(int failures) : IAsyncDisposable
{
    private WebApplication? _app;
    private int _calls;
    public List<string> Bodies { get; } = [];
    public int Calls => _calls;
    public string Url { get; private set; } = "";

    public async Task<FakeProvisioning> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/lines", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            lock (Bodies) Bodies.Add(body);
            return Interlocked.Increment(ref _calls) <= failures
                ? Results.Problem("The switch is busy", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new { line = "L-100", port = 7 });
        });
        await _app.StartAsync();
        Url = _app.Urls.First() + "/lines";
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>
/// A provisioning system that works slowly: it accepts each call (202 with a status address), says "working" at the
/// first <paramref name="workingChecks"/> checks, then that the line is open.
/// </summary>
public sealed class SlowProvisioning(int workingChecks) : IAsyncDisposable
{
    private WebApplication? _app;
    private int _checks;
    public int Checks => _checks;
    public string Url { get; private set; } = "";

    public async Task<SlowProvisioning> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/lines", () => Results.Accepted("/lines/status/42"));
        _app.MapGet("/lines/status/42", () => Interlocked.Increment(ref _checks) <= workingChecks
            ? Results.Ok(new { status = "working" })
            : Results.Ok(new { status = "done", output = new { line = "L-42" } }));
        await _app.StartAsync();
        Url = _app.Urls.First() + "/lines";
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
