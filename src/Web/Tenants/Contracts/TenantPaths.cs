namespace Ktp.Web.Tenants.Contracts;

/// <summary>Tenant resolution is by URL path: every workspace page lives under <c>/t/{slug}/</c>.</summary>
public static class TenantPaths
{
    public static string? SlugOf(PathString path)
    {
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is { Length: >= 2 } && segments[0] == "t" ? segments[1].ToLowerInvariant() : null;
    }

    public static string Home(string slug) => $"/t/{slug}";

    public static string LoginFor(PathString path, string returnUrl)
    {
        var slug = SlugOf(path);
        var login = slug is null ? "/login" : $"/t/{slug}/login";
        return $"{login}?returnUrl={Uri.EscapeDataString(returnUrl)}";
    }
}
