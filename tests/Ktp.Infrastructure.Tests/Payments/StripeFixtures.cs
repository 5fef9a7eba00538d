using Ktp.Testing;

namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>Stripe's published payloads and signature vectors, copied unchanged into tests/fixtures/stripe.</summary>
internal static class StripeFixtures
{
    public static string PathTo(string fileName) => RepositoryFiles.PathTo(Path.Combine("tests", "fixtures", "stripe", fileName));

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(PathTo(fileName));
}

/// <summary>A clock the test sets and moves.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
