using Microsoft.Extensions.Configuration;

namespace Ktp.Infrastructure.Orders;

/// <summary>Settings of the orders module (<c>Orders:*</c>).</summary>
public sealed record OrdersOptions
{
    /// <summary>The pause before the second call of a failed service task; each further one doubles it (at most 10 minutes).</summary>
    public TimeSpan FirstRetryPause { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a service endpoint may take to answer before the call counts as failed.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the status address of a call the system accepted (202 with Location) is asked.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times it is asked before the attempt counts as failed (6 hours at the default interval).</summary>
    public int MaxPolls { get; init; } = 2160;

    /// <summary>The site's own address (<c>App:PublicUrl</c>): a service endpoint written as a path ("/fake/provisioning") is called there.</summary>
    public string SelfUrl { get; init; } = "http://localhost:5080";

    /// <summary>
    /// Whether service tasks may call loopback and private-network addresses. Off outside Development, so that a diagram
    /// cannot make the server reach its own internal services or the cloud's metadata address.
    /// </summary>
    public bool AllowPrivateNetworkCalls { get; init; }

    public TimeSpan RetryPause(int attempt) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, FirstRetryPause.Ticks * (1L << Math.Clamp(attempt - 2, 0, 20))));

    public static OrdersOptions From(IConfiguration config, bool development) => new()
    {
        SelfUrl = config["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5080",
        AllowPrivateNetworkCalls = config.GetValue("Orders:AllowPrivateNetworkCalls", development),
        FirstRetryPause = TimeSpan.FromSeconds(config.GetValue("Orders:FirstRetrySeconds", 5.0)),
        CallTimeout = TimeSpan.FromSeconds(config.GetValue("Orders:CallTimeoutSeconds", 30.0)),
        PollInterval = TimeSpan.FromSeconds(config.GetValue("Orders:PollSeconds", 10.0)),
        MaxPolls = config.GetValue("Orders:MaxPolls", 2160),
    };
}
