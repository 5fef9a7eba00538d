using System.Net.Http.Headers;
using System.Text.Json;
using Alba;

namespace Ktp.Web.Tests;

/// <summary>Alba scenario steps the API tests share.</summary>
public static class ScenarioRequests
{
    /// <summary>One call made with <paramref name="token"/> as its bearer token, asserting the status it must answer.</summary>
    public static Task<IScenarioResult> CallAsync(this IAlbaHost host, string token, Action<Scenario> request, int status) => host.Scenario(s =>
    {
        request(s);
        s.WithBearerToken(token);
        s.StatusCodeShouldBe(status);
    });

    /// <summary>Sends <paramref name="json"/> as it is written (malformed on purpose, or with characters a serializer would escape).</summary>
    public static void PostRawJson(this Scenario scenario, string url, string json)
    {
        scenario.Post.Text(json).ToUrl(url);
        scenario.ConfigureHttpContext(context => context.Request.ContentType = "application/json");
    }

    /// <summary>The response's media type without its parameters ("text/plain" of "text/plain; version=0.0.4; charset=utf-8").</summary>
    public static string? MediaType(this IScenarioResult result) =>
        MediaTypeHeaderValue.Parse(result.Context.Response.ContentType ?? throw new InvalidOperationException("The response has no Content-Type.")).MediaType;

    public static async Task<JsonElement> ReadJsonElementAsync(this IScenarioResult result) =>
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
}
