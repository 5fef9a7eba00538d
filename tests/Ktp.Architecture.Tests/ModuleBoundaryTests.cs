using Ktp.Web.Hosting;
using NetArchTest.Rules;

namespace Ktp.Architecture.Tests;

/// <summary>
/// A module reaches another only through the other's <c>Contracts</c> (and its pure Domain types), never
/// through its handlers, stores, projections or pages.
/// </summary>
public sealed class ModuleBoundaryTests
{
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Module.All)
            foreach (var to in Module.All.Where(m => m != from))
                data.Add(from.Name, to.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_module_uses_no_internals_of_another(string from, string to)
    {
        var source = Module.All.Single(m => m.Name == from);
        var target = Module.All.Single(m => m.Name == to);
        var internals = target.InternalTypes().Select(t => t.FullName!).ToArray();
        internals.ShouldNotBeEmpty();

        var result = Types.InAssemblies([Module.Infrastructure, Module.Tenancy, Module.Web])
            .That().ResideInNamespace(source.Namespaces[0]).Or().ResideInNamespace(source.Namespaces[^1])
            .ShouldNot().HaveDependencyOnAny(internals).GetResult();

        LayerTests.Failing(result).ShouldBeEmpty($"{from} uses internals of {to}; go through {to}'s Contracts.");
    }

    [Fact]
    public void Each_module_has_one_registration_class_and_the_host_lists_it()
    {
        var registrations = Module.Web.GetTypes().Where(t => typeof(IKtpModule).IsAssignableFrom(t) && t.IsClass).ToList();

        foreach (var module in Module.All)
            registrations.Count(module.Owns).ShouldBe(1, $"{module} needs exactly one registration class");
        registrations.Count.ShouldBe(Module.All.Length);
        KtpModules.All.Select(m => m.GetType()).ShouldBe(registrations, ignoreOrder: true);
    }
}
