using System.Security.Claims;
using System.Threading.RateLimiting;
using Ktp.Web.Api;

namespace Ktp.Web.Hosting;

/// <summary>
/// When the node is saturated it queues a request briefly and then answers 503 with Retry-After, instead of letting
/// requests pile up on the database pool until they fail; each integration (API key or OAuth client) also has its
/// own rate, past which it gets 429. Long-lived connections (Blazor circuits), health, metrics and static files are
/// not counted. Settings: <c>Limits:*</c> (README).
/// </summary>
public static class BackPressure
{
    public sealed record Options(int MaxConcurrentRequests, int QueueLength, int ApiCallsPerSecond, int ApiBurst)
    {
        public static Options From(IConfiguration config) => new(
            config.GetValue("Limits:MaxConcurrentRequests", 64),
            config.GetValue("Limits:QueueLength", 256),
            config.GetValue("Limits:ApiCallsPerSecond", 100),
            config.GetValue("Limits:ApiBurst", 200));
    }

    private static readonly string[] Uncounted = ["/_blazor", "/_framework", "/_content", "/health", "/metrics", "/favicon"];
    private static readonly HashSet<string> StaticFiles = new([".js", ".css", ".map", ".png", ".jpg", ".svg", ".ico", ".webp", ".woff", ".woff2"], StringComparer.OrdinalIgnoreCase);

    public static IServiceCollection AddKtpBackPressure(this IServiceCollection services, IConfiguration config)
    {
        var options = Options.From(config);
        services.AddSingleton(options);
        services.AddSingleton(_ => PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            IntegrationCaller(ctx.User) is { } caller
                ? RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.ApiBurst,
                    TokensPerPeriod = options.ApiCallsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("people")));
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsCounted(ctx.Request.Path)
                ? RateLimitPartition.GetConcurrencyLimiter("node", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentRequests,
                    QueueLimit = options.QueueLength,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter("uncounted"));
            o.OnRejected = async (rejected, _) => await ErrorAnswers.WriteAsync(rejected.HttpContext, StatusCodes.Status503ServiceUnavailable,
                "Busy", $"The service is busy; try again in {ErrorAnswers.RetryAfterSeconds} seconds.", ErrorAnswers.RetryAfterSeconds);
        });
        return services;
    }

    /// <summary>The node-wide limit: before authentication, which itself reads the database.</summary>
    public static WebApplication UseKtpConcurrencyLimit(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The per-integration rate: after authentication, which tells who calls.</summary>
    public static WebApplication UseKtpIntegrationRateLimit(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<PartitionedRateLimiter<HttpContext>>();
        var perSecond = app.Services.GetRequiredService<Options>().ApiCallsPerSecond;
        app.Use(async (ctx, next) =>
        {
            using var lease = limiter.AttemptAcquire(ctx);
            if (lease.IsAcquired)
            {
                await next(ctx);
                return;
            }
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
            app.Logger.LogWarning("Rate limit reached by {Caller} on {Path}", IntegrationCaller(ctx.User), ctx.Request.Path);
            await ErrorAnswers.WriteAsync(ctx, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"This integration made more than its {perSecond} calls per second; try again in {wait} seconds.", wait);
        });
        return app;
    }

    private static bool IsCounted(PathString path) =>
        !Uncounted.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) && !StaticFiles.Contains(Path.GetExtension(path.Value ?? ""));

    private static string? IntegrationCaller(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType is Identity.ApiKeyAuthenticationHandler.SchemeName or Identity.ApiClientAuthenticationHandler.SchemeName
            ? user.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;
}
