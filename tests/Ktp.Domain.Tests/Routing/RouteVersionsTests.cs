using Ktp.Domain.Common;
using Ktp.Domain.Routing;
using static Ktp.Domain.Tests.Routing.SampleRoute;

namespace Ktp.Domain.Tests.Routing;

public class RouteVersionsTests
{
    private static RouteDefinition SecondVersion() =>
        Complaints(version: 2) with { Processes = [Triage with { QueueRules = [], DefaultQueue = "vip-line" }, Investigation, Answer] };

    [Fact]
    public void Publishing_a_new_version_leaves_in_flight_inquiries_on_theirs()
    {
        var first = RouteVersions.First(Complaints());
        var inFlight = first.Latest.Ref;

        var published = first.Publish(SecondVersion());
        var catalog = new RouteCatalog([published]);

        catalog.Resolve(inFlight).ShouldBeSameAs(first.Latest);
        catalog.Resolve(inFlight).Process("triage").DefaultQueue.ShouldBe("first-line");
        catalog.Current("complaints").Version.ShouldBe(2);
        catalog.Resolve("complaints", 2).Process("triage").DefaultQueue.ShouldBe("vip-line");
        first.Versions.Count.ShouldBe(1);
    }

    [Fact]
    public void Only_a_valid_next_version_can_be_published()
    {
        var versions = RouteVersions.First(Complaints());

        Should.Throw<ValidationFailedException>(() => versions.Publish(Complaints(version: 3))).Errors.Keys.ShouldBe(["Version"]);
        Should.Throw<ValidationFailedException>(() => versions.Publish(SecondVersion() with { RouteId = "other" })).Errors.Keys.ShouldBe(["RouteId"]);
        Should.Throw<ValidationFailedException>(() => versions.Publish(SecondVersion() with { StartProcess = "nowhere" })).Errors.Keys.ShouldBe(["StartProcess"]);
    }

    [Fact]
    public void Resolving_an_unknown_route_or_version_says_which()
    {
        var catalog = new RouteCatalog([RouteVersions.First(Complaints())]);

        Should.Throw<RouteNotFoundException>(() => catalog.Resolve("complaints", 2)).Message.ShouldBe("There is no version 2 of route 'complaints'.");
        Should.Throw<RouteNotFoundException>(() => catalog.Current("returns")).Message.ShouldBe("There is no route 'returns'.");
    }

    [Fact]
    public void Definitions_do_not_change_when_the_lists_they_were_built_from_do()
    {
        var processes = new List<ProcessDefinition> { Triage, Investigation, Answer };
        var route = new RouteDefinition("complaints", "Complaints", 1, "triage", processes);

        processes.Clear();

        route.Processes.Count.ShouldBe(3);
    }
}
