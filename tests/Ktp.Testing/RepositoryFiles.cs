namespace Ktp.Testing;

/// <summary>Files of this repository (tests/fixtures, ...), found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ktp.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Ktp.sln above {AppContext.BaseDirectory}.");
    });

    public static string PathTo(string relativePath)
    {
        var path = Path.Combine(Root.Value, relativePath);
        return File.Exists(path) ? path : throw new FileNotFoundException("Missing repository file", path);
    }
}
