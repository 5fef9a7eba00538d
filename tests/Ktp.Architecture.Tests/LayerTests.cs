using NetArchTest.Rules;

namespace Ktp.Architecture.Tests;

/// <summary>Domain is pure; Infrastructure knows neither tenancy nor the host; Tenancy does not know the host.</summary>
public sealed class LayerTests
{
    [Fact]
    public void Domain_uses_no_infrastructure_and_no_io_library()
    {
        var result = Types.InAssembly(Module.Domain).ShouldNot().HaveDependencyOnAny(
            "Ktp.Infrastructure", "Ktp.Tenancy", "Ktp.Web", "Npgsql", "Dapper", "Marten", "Wolverine", "JasperFx",
            "Microsoft.AspNetCore", "Microsoft.Extensions", "System.Net.Http", "System.Data").GetResult();

        Failing(result).ShouldBeEmpty();
    }

    [Fact]
    public void Infrastructure_knows_neither_tenancy_nor_the_host() =>
        Failing(Types.InAssembly(Module.Infrastructure).ShouldNot().HaveDependencyOnAny("Ktp.Tenancy", "Ktp.Web").GetResult()).ShouldBeEmpty();

    [Fact]
    public void Tenancy_does_not_know_the_host() =>
        Failing(Types.InAssembly(Module.Tenancy).ShouldNot().HaveDependencyOn("Ktp.Web").GetResult()).ShouldBeEmpty();

    [Fact]
    public void Tenancy_holds_nothing_module_specific()
    {
        var modules = Module.All.Where(m => m.Name != "Tenancy").SelectMany(m => m.Namespaces).ToArray();
        var misplaced = Module.Tenancy.GetTypes().Where(t => modules.Any(ns => t.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true));

        misplaced.Select(t => t.FullName).ShouldBeEmpty();
    }

    internal static IEnumerable<string?> Failing(TestResult result) => result.FailingTypeNames ?? [];
}
