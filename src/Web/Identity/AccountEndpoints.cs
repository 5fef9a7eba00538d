using Ktp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Web.Identity;

public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/t/{slug}/logout", async (string slug, SignInManager<KtpUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect($"/t/{Uri.EscapeDataString(slug)}/login");
        });
        return app;
    }
}
