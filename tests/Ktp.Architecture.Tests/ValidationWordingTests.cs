using System.Xml.Linq;
using Ktp.Testing;

namespace Ktp.Architecture.Tests;

/// <summary>
/// What the modules say about bad input reaches a Russian user in Russian: every validation message in their source, the
/// ones with values written in included (the screens find those by their wording), has a Russian text.
/// </summary>
public sealed class ValidationWordingTests
{
    private static readonly string Root = Path.GetDirectoryName(RepositoryFiles.PathTo("Ktp.sln"))!;

    [Fact]
    public void Every_validation_message_has_a_Russian_text()
    {
        var russian = Directory.GetFiles(Path.Combine(Root, "src/Web"), "*.ru.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/Theme/") && !f.Contains("/obj/"))
            .SelectMany(f => XDocument.Load(f).Root!.Elements("data").Select(d => d.Attribute("name")!.Value))
            .ToHashSet();
        var messages = new[] { "src/Domain", "src/Infrastructure", "src/Tenancy" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/"))
            .SelectMany(f => SourceWordings.ValidationMessages(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Message: m)))
            .ToList();

        messages.Count.ShouldBeGreaterThan(100, "the scan finds the modules' messages");
        messages.Select(m => m.Message).ShouldContain("'{0}' is not a queue of process '{1}'.");
        messages.Select(m => m.Message).ShouldContain("Say why the order is cancelled.");
        messages.Where(m => !russian.Contains(m.Message)).Select(m => $"{m.File}: {m.Message}").Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void The_scan_takes_the_message_not_the_field()
    {
        const string code = """
            errors.Add($"Processes[{i}].Queues", $"Process '{process.Code}' needs at least one queue.");
            check.Require(x > 0, "count", "Give a count (at least one).");
            problems.Add($"{name} needs a label.");
            items.Add(new Item("not a message"));
            throw new ValidationFailedException(FieldOf<T>(), $"{typeof(T).Name} must not be empty.");
            """;
        SourceWordings.ValidationMessages(code).ShouldBe(
        [
            "Process '{0}' needs at least one queue.", "Give a count (at least one).", "{0} needs a label.", "{0} must not be empty.",
        ]);
    }
}
