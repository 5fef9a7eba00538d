using System.Text.RegularExpressions;
using Ktp.Testing;

namespace Ktp.Architecture.Tests;

/// <summary>One component library: every screen is on MudBlazor; nothing of Radzen is left.</summary>
public sealed partial class ComponentLibraryTests
{
    private static readonly string Root = Path.GetDirectoryName(RepositoryFiles.PathTo("Ktp.sln"))!;

    [Fact]
    public void No_source_file_refers_to_Radzen()
    {
        string[] kinds = ["*.razor", "*.cs", "*.cshtml", "*.css", "*.js", "*.html", "*.csproj", "*.props"];
        var offenders = kinds
            .SelectMany(kind => Directory.GetFiles(Root, kind, SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/.data/") && !f.Contains("/node_modules/") && !f.Contains("/wwwroot/lib/")
                && !f.EndsWith("ComponentLibraryTests.cs"))
            .Where(f => RadzenMark().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();
        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void The_web_app_references_MudBlazor_and_not_Radzen()
    {
        var assemblies = typeof(Ktp.Web.SharedResource).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        assemblies.ShouldContain("MudBlazor");
        assemblies.ShouldNotContain(name => name!.StartsWith("Radzen"));
    }

    // The library's name, its components and its CSS classes (rz-button, rz-textbox …).
    [GeneratedRegex(@"Radzen|\brz-[a-z]")]
    private static partial Regex RadzenMark();
}
