namespace Ktp.Domain.Tests.Rules;

/// <summary>Externally written test data, copied unchanged into the repository's tests/fixtures (see SOURCES.md there).</summary>
internal static class TestFixtures
{
    private static readonly Lazy<string> FixturesDirectory = new(Find);

    public static string PathTo(params string[] parts) => Path.Combine([FixturesDirectory.Value, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ktp.sln"))) return Path.Combine(dir.FullName, "tests");
        throw new DirectoryNotFoundException($"No Ktp.sln above {AppContext.BaseDirectory}.");
    }
}
