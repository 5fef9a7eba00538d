using System.Text.RegularExpressions;
using Ktp.Testing;

namespace Ktp.Architecture.Tests;

/// <summary>Each table belongs to one module; no other module's SQL names it (they ask its Contracts).</summary>
public sealed partial class TableOwnershipTests
{
    [GeneratedRegex(@"\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();

    public static TheoryData<string> Modules() => new(Module.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_names_no_table_of_another_in_its_sql(string name)
    {
        var module = Module.All.Single(m => m.Name == name);
        var foreign = Module.All.Where(m => m != module).SelectMany(m => m.Tables.Select(t => (Table: t, Owner: m)))
            .ToDictionary(x => x.Table, x => x.Owner);
        bool Offends(string verb, string table) =>
            foreign.TryGetValue(table, out var owner) && !(owner.ReadByAll && verb.ToUpperInvariant() is "FROM" or "JOIN");
        var root = Path.GetDirectoryName(RepositoryFiles.PathTo("Ktp.sln"))!;

        var offences = module.Folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(root, f), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => TableReference().Matches(File.ReadAllText(f))
                .Where(m => Offends(m.Groups[1].Value, m.Groups[2].Value))
                .Select(m => $"{Path.GetRelativePath(root, f)}: {m.Value} (a table of {foreign[m.Groups[2].Value]})"))
            .Distinct().ToList();

        offences.ShouldBeEmpty();
    }

    [Fact]
    public void Every_table_the_migrations_create_has_one_owner()
    {
        var scripts = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(RepositoryFiles.PathTo("Ktp.sln"))!, "src/Infrastructure/Migrations/Scripts"), "*.sql");
        var created = scripts.SelectMany(s => Regex.Matches(File.ReadAllText(s), @"CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)", RegexOptions.IgnoreCase))
            .Select(m => m.Groups[1].Value).ToHashSet();
        var owned = Module.All.SelectMany(m => m.Tables).Concat(Module.PlatformTables).ToList();

        owned.ShouldBeUnique();
        owned.Where(t => !created.Contains(t)).ShouldBeEmpty("owned tables that no migration creates");
        created.Where(t => !owned.Contains(t)).ShouldBeEmpty("tables no module owns");
    }
}
