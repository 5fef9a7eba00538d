using Microsoft.AspNetCore.Http;

namespace Ktp.Infrastructure.Observability;

/// <summary>Paths whose successful requests are logged at Debug: probes, scrapes, Blazor plumbing, static files.</summary>
public static class NoisyPaths
{
    private static readonly string[] Prefixes = ["/health", "/metrics", "/_blazor", "/_framework", "/_content"];

    private static readonly HashSet<string> StaticExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".js", ".mjs", ".css", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp",
        ".woff", ".woff2", ".ttf", ".eot", ".wasm", ".webmanifest",
    };

    public static bool Contains(PathString path)
    {
        foreach (var prefix in Prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return StaticExtensions.Contains(Path.GetExtension(path.Value ?? ""));
    }
}
