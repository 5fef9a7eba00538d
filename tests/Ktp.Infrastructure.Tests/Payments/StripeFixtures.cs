namespace Ktp.Infrastructure.Tests.Payments;

/// <summary>Files in shared/fixtures/stripe, the shared folder beside the repository (or KTP_SHARED_DIR).</summary>
internal static class StripeFixtures
{
    private static readonly Lazy<string> SharedDirectory = new(Find);

    public static string PathTo(string fileName) => Path.Combine(SharedDirectory.Value, "fixtures", "stripe", fileName);

    public static byte[] Bytes(string fileName) => File.ReadAllBytes(PathTo(fileName));

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KTP_SHARED_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures"))) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No shared/fixtures folder above {AppContext.BaseDirectory}; set KTP_SHARED_DIR to the shared folder.");
    }
}

/// <summary>A clock the test sets and moves.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
