using System.Diagnostics;

namespace Ktp.Infrastructure.Observability;

/// <summary>The application's ActivitySource; its spans are exported when OTLP is configured.</summary>
public static class KtpTracing
{
    public const string SourceName = "Ktp";

    public static readonly ActivitySource Source = new(SourceName);
}
