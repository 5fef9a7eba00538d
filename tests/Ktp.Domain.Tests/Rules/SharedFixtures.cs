namespace Ktp.Domain.Tests.Rules;

/// <summary>Finds files under the shared folder that sits beside the repository (X/main next to X/shared).</summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string> SharedDirectory = new(Find);

    public static string PathTo(params string[] parts) => Path.Combine([SharedDirectory.Value, .. parts]);

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KTP_SHARED_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures")))
                return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No shared/fixtures folder above {AppContext.BaseDirectory}; set KTP_SHARED_DIR to the shared folder.");
    }
}
