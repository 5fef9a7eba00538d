using System.Security.Cryptography;
using System.Text;

namespace Ktp.Web.Health;

/// <summary>
/// /metrics names the database host and roles: outside Development only a scraper presenting Metrics:Token as a bearer
/// token reads it, and without a configured token it is off (404). Development keeps it open for local dashboards.
/// </summary>
public static class MetricsToken
{
    public static WebApplication UseKtpMetricsToken(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return app;
        var token = app.Configuration["Metrics:Token"];
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/metrics"), metrics => metrics.Use(async (ctx, next) =>
        {
            if (string.IsNullOrEmpty(token))
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                await ctx.Response.WriteAsync("Metrics are off: set Metrics:Token to scrape them.");
                return;
            }
            if (!Presents(ctx.Request, token))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                ctx.Response.Headers.WWWAuthenticate = "Bearer";
                await ctx.Response.WriteAsync("Metrics need the bearer token of Metrics:Token.");
                return;
            }
            await next(ctx);
        }));
        return app;
    }

    private static bool Presents(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
