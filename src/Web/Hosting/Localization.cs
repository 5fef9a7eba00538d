using System.Globalization;
using Ktp.Infrastructure.Sessions;
using Microsoft.AspNetCore.Localization;

namespace Ktp.Web.Hosting;

/// <summary>
/// UI language: the user's choice (cookie) first, then the signed-in user's claim, then the tenant's
/// language (Russian by default), else Russian.
/// </summary>
public static class Localization
{
    public static readonly string[] Cultures = ["ru", "en"];

    /// <summary>A path of this site: "/x", never "//host" or "/\\host" (which browsers treat as another site).</summary>
    public static bool IsLocal(string url) =>
        url.StartsWith('/') && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    public static WebApplication UseKtpLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture("ru")
            .AddSupportedCultures(Cultures)
            .AddSupportedUICultures(Cultures);
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new CustomRequestCultureProvider(ctx =>
            {
                var culture = ctx.User.FindFirst(KtpClaims.Culture)?.Value
                    ?? ctx.RequestServices.GetRequiredService<CurrentSession>().Tenant?.Culture;
                return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
            }),
        ];
        app.UseRequestLocalization(options);
        app.MapGet("/culture", (string c, string? returnUrl, HttpContext ctx) =>
        {
            if (!Cultures.Contains(c))
                return Results.Problem("The language is ru or en.", statusCode: StatusCodes.Status400BadRequest, title: "Unsupported language");
            if (!string.IsNullOrEmpty(returnUrl) && !IsLocal(returnUrl))
                return Results.Problem("The return address must be a page of this site.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid return address");
            ctx.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(c))),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl);
        });
        return app;
    }
}
