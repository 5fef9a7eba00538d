using Ktp.Domain.Common;
using Ktp.Domain.Routing;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

public sealed class RouteAdminTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(AsyncServiceScope Scope, Guid ProjectId)> NewProjectAsync()
    {
        var scope = await app.AsPmAsync();
        return (scope, await scope.Get<ProjectAdmin>().CreateAsync("Routes " + Guid.NewGuid().ToString("N")[..6]));
    }

    [Fact]
    public async Task Publishing_twice_makes_versions_1_and_2_and_version_1_stays_readable()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var routes = scope.Get<RouteAdmin>();

        (await routes.PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute()))).ShouldBe(1);
        var changed = ProjectsKit.TwoStepRoute(name: "Standard, second edition");
        changed.Processes[1].Queues.Add(new QueueDraft { Code = "finance", Name = "Finance" });
        (await routes.PublishAsync(new PublishRoute(projectId, 1, changed))).ShouldBe(2);

        var store = scope.Get<ProjectConfigStore>();
        await using var uow = await scope.Get<CurrentSession>().BeginAsync();
        var first = (await store.RouteAsync(uow, projectId, "standard", 1))!;
        first.Version.ShouldBe(1);
        first.Name.ShouldBe("Standard");
        first.Process("second").Queues.Count.ShouldBe(2);
        var latest = (await store.RouteAsync(uow, projectId, "standard", null))!;
        latest.Version.ShouldBe(2);
        latest.Process("second").Queues.Count.ShouldBe(3);
        (await store.CurrentAsync(uow, projectId))!.Route!.Ref.ShouldBe(new RouteRef("standard", 2), "the first route published becomes the project's");
        (await routes.HistoryAsync(projectId, "standard")).Select(v => v.Version).ShouldBe([2, 1]);
        (await routes.RoutesAsync(projectId)).ShouldHaveSingleItem().Name.ShouldBe("Standard, second edition");
    }

    [Fact]
    public async Task A_route_with_a_loop_is_refused()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var route = ProjectsKit.TwoStepRoute();
        route.Processes[1].Transitions.Add(new RuleDraft { Condition = """{"==":[{"var":"kind"},"complaint"]}""", Target = "first" });

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<RouteAdmin>().PublishAsync(new PublishRoute(projectId, 0, route)));

        e.Errors["Processes[1].Transitions[0].Target"].ShouldHaveSingleItem().ShouldContain("loop");
        (await scope.Get<RouteAdmin>().RoutesAsync(projectId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Malformed_rules_and_unknown_targets_are_refused_with_their_fields()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var route = ProjectsKit.TwoStepRoute();
        route.Processes[1].QueueRules[0].Condition = """{"==":[{"var":"customer.vip"}""";
        route.Processes[1].QueueRules.Add(new RuleDraft { Condition = "true", Target = "nowhere" });
        route.Processes[0].DefaultNext = "third";

        var e = await Should.ThrowAsync<ValidationFailedException>(() => scope.Get<RouteAdmin>().PublishAsync(new PublishRoute(projectId, 0, route)));

        e.Errors["Processes[1].QueueRules[0].Condition"].ShouldHaveSingleItem().ShouldContain("not a valid JsonLogic rule");
        e.Errors["Processes[1].QueueRules[1].Queue"].ShouldHaveSingleItem().ShouldContain("'nowhere'");
        e.Errors["Processes[0].DefaultNext"].ShouldHaveSingleItem().ShouldContain("'third'");
    }

    [Fact]
    public async Task Publishing_over_a_stale_version_or_with_a_bad_id_is_refused()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var routes = scope.Get<RouteAdmin>();
        await routes.PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute()));

        var stale = await Should.ThrowAsync<ValidationFailedException>(() => routes.PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute())));
        stale.Errors[ProjectSettingsRows.ConflictField].ShouldContain(ProjectSettingsRows.ConflictMessage);

        var badId = await Should.ThrowAsync<ValidationFailedException>(() => routes.PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute("стандарт"))));
        badId.Errors.Keys.ShouldContain("RouteId");
        (await routes.HistoryAsync(projectId, "standard")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Publishing_a_route_the_same_as_the_latest_version_makes_no_new_version()
    {
        var (scope, projectId) = await NewProjectAsync();
        await using var _ = scope;
        var routes = scope.Get<RouteAdmin>();
        (await routes.PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute()))).ShouldBe(1);

        // As the editor sends it back: loaded, untouched, published again
        var loaded = RouteDraft.From((await routes.LoadAsync(projectId, "standard"))!);
        (await routes.PublishAsync(new PublishRoute(projectId, 1, loaded))).ShouldBe(1, "nothing changed, so version 1 stays the latest");
        (await routes.PublishAsync(new PublishRoute(projectId, 1, ProjectsKit.TwoStepRoute()))).ShouldBe(1);
        (await routes.HistoryAsync(projectId, "standard")).ShouldHaveSingleItem();

        // Any change still makes a version
        loaded.Processes[0].Name += " (renamed)";
        (await routes.PublishAsync(new PublishRoute(projectId, 1, loaded))).ShouldBe(2);
        (await routes.HistoryAsync(projectId, "standard")).Select(v => v.Version).ShouldBe([2, 1]);
    }
}
