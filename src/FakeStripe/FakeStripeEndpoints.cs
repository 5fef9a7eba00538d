using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.FakeStripe;

/// <summary>
/// A fake Stripe as minimal-API endpoints under a prefix, for tests and the demo:
/// <list type="bullet">
/// <item><c>POST {prefix}/v1/checkout/sessions</c> and <c>GET {prefix}/v1/checkout/sessions/{id}</c>: Stripe's API, with Bearer auth.</item>
/// <item><c>GET {prefix}/checkout/{id}</c>: the hosted checkout page with a Pay button.</item>
/// <item><c>POST {prefix}/checkout/{id}/pay</c>: marks the session paid, POSTs a signed <c>checkout.session.completed</c>
/// to <see cref="FakeStripeOptions.WebhookUrl"/>, and redirects (303) to the session's success URL.</item>
/// <item><c>POST {prefix}/checkout/{id}/resend</c>: delivers the same event again, as Stripe's retries do.</item>
/// </list>
/// Point the Stripe client's API base at <c>http://host{prefix}</c>.
/// </summary>
public static class FakeStripeEndpoints
{
    public static IServiceCollection AddFakeStripe(this IServiceCollection services, Action<FakeStripeOptions>? configure = null)
    {
        var options = new FakeStripeOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new FakeStripeServer(options, sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>Maps the fake with the <see cref="FakeStripeServer"/> registered by <see cref="AddFakeStripe"/>.</summary>
    public static RouteGroupBuilder MapFakeStripe(this IEndpointRouteBuilder endpoints, string prefix) =>
        endpoints.MapFakeStripe(prefix, endpoints.ServiceProvider.GetService<FakeStripeServer>()
            ?? throw new InvalidOperationException("Register the fake Stripe with services.AddFakeStripe() before mapping it."));

    public static RouteGroupBuilder MapFakeStripe(this IEndpointRouteBuilder endpoints, string prefix, FakeStripeServer server)
    {
        prefix = "/" + prefix.Trim('/');
        var group = endpoints.MapGroup(prefix).ExcludeFromDescription();

        group.MapPost("/v1/checkout/sessions", async (HttpRequest request) =>
        {
            if (server.CheckAuthorization(request.Headers.Authorization) is { } denied) return Error(denied);
            if (!request.HasFormContentType)
                return Error(new FakeStripeError(400, "invalid_request_error", "Send the parameters form-encoded (application/x-www-form-urlencoded)."));
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            var idempotencyKey = request.Headers["Idempotency-Key"].FirstOrDefault();
            var pages = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/checkout/";
            var (session, error) = server.CreateSession(fields, idempotencyKey, pages);
            return error is not null ? Error(error) : Results.Content(session!.ToJson().ToJsonString(), "application/json");
        });

        group.MapGet("/v1/checkout/sessions/{id}", (string id, HttpRequest request) =>
        {
            if (server.CheckAuthorization(request.Headers.Authorization) is { } denied) return Error(denied);
            return server.Find(id) is { } session
                ? Results.Content(session.ToJson().ToJsonString(), "application/json")
                : Error(NoSuchSession(id));
        });

        group.MapGet("/checkout/{id}", (string id, HttpRequest request) =>
            server.Find(id) is { } session
                ? Results.Content(CheckoutPage(session, $"{request.PathBase}{prefix}/checkout/{id}/pay"), "text/html; charset=utf-8")
                : Results.NotFound("No such checkout session."));

        group.MapPost("/checkout/{id}/pay", async (string id, HttpContext context) =>
        {
            if (server.Find(id) is not { } session)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await server.PayAsync(id, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = SuccessUrl(session);
        });

        group.MapPost("/checkout/{id}/resend", async (string id, CancellationToken ct) =>
        {
            if (server.Find(id) is not { } session) return Error(NoSuchSession(id));
            if (!session.Paid) return Error(new FakeStripeError(400, "invalid_request_error", $"Checkout session {id} is not paid."));
            var delivery = await server.DeliverCompletedAsync(session, ct);
            return Results.Json(delivery);
        });

        return group;
    }

    private static IResult Error(FakeStripeError error) =>
        Results.Content(error.ToJson().ToJsonString(), "application/json", statusCode: error.Status);

    private static FakeStripeError NoSuchSession(string id) =>
        new(404, "invalid_request_error", $"No such checkout.session: '{id}'", "id", "resource_missing");

    // Stripe fills in the {CHECKOUT_SESSION_ID} template of the success URL.
    private static string SuccessUrl(FakeCheckoutSession session) =>
        session.SuccessUrl.Replace("{CHECKOUT_SESSION_ID}", session.Id, StringComparison.Ordinal);

    private static string CheckoutPage(FakeCheckoutSession session, string payPath)
    {
        var html = HtmlEncoder.Default;
        var amount = html.Encode(FakeStripeServer.AmountOf(session).ToString());
        var body = session.Paid
            ? $"""<p class="paid">Paid.</p><p><a href="{html.Encode(SuccessUrl(session))}">Return to the site</a></p>"""
            : $"""
               <form method="post" action="{html.Encode(payPath)}"><button type="submit">Pay {amount}</button></form>
               {(session.CancelUrl is null ? "" : $"""<p><a href="{html.Encode(session.CancelUrl)}">Cancel and return</a></p>""")}
               """;
        return $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Checkout — test mode</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; padding: 0 1rem }
            .mode { color: #b45309; font-size: .8rem; text-transform: uppercase }
            .amount { font-size: 2rem }
            button { font-size: 1rem; padding: .6rem 1.6rem }
            </style></head>
            <body>
            <p class="mode">Test mode · fake Stripe checkout</p>
            <h1>{{html.Encode(session.ProductName)}}</h1>
            <p class="amount">{{amount}}</p>
            {{body}}
            </body>
            </html>
            """;
    }
}
