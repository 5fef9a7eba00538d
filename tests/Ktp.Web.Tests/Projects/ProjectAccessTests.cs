using System.Net;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

public sealed class ProjectAccessTests(KtpHost app) : IClassFixture<KtpHost>
{
    private static readonly string[] PageSuffixes = ["", "/topics", "/route", "/sla", "/settings"];

    private async Task<Guid> ProjectWithTopicsAsync(string name)
    {
        await using var pm = await app.AsPmAsync();
        var projectId = await pm.Get<ProjectAdmin>().CreateAsync(name);
        await pm.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, ProjectsKit.SimpleTopics(ProjectsKit.StringAttribute("secret_code", "Secret"))));
        return projectId;
    }

    [Fact]
    public async Task A_user_without_projects_configure_gets_403_on_every_project_page()
    {
        var projectId = await ProjectWithTopicsAsync("Pages " + Guid.NewGuid().ToString("N")[..6]);
        var op = await app.SignedInAsync("demo", "operator@demo.ktp");
        var pm = await app.SignedInAsync("demo", "pm@demo.ktp");

        (await op.GetAsync("/t/demo/projects")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pm.GetAsync("/t/demo/projects")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var suffix in PageSuffixes)
        {
            var path = $"/t/demo/projects/{projectId}{suffix}";
            (await op.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await pm.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task Handlers_refuse_a_user_without_projects_configure()
    {
        var projectId = await ProjectWithTopicsAsync("Forbidden " + Guid.NewGuid().ToString("N")[..6]);
        await using var op = await app.ActingAsync("demo", "operator@demo.ktp", Privilege.InquiriesWork);

        await Should.ThrowAsync<ForbiddenException>(() => op.Get<ProjectAdmin>().CreateAsync("Mine"));
        await Should.ThrowAsync<ForbiddenException>(() => op.Get<ProjectAdmin>().SetMembersAsync(projectId, []));
        await Should.ThrowAsync<ForbiddenException>(() => op.Get<TopicConfigAdmin>().LoadAsync(projectId));
        await Should.ThrowAsync<ForbiddenException>(() => op.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 1, ProjectsKit.SimpleTopics())));
        await Should.ThrowAsync<ForbiddenException>(() => op.Get<RouteAdmin>().PublishAsync(new PublishRoute(projectId, 0, ProjectsKit.TwoStepRoute())));
        await Should.ThrowAsync<ForbiddenException>(() => op.Get<SlaAdmin>().SaveAsync(new SaveSla(projectId, 0, SlaSettings.Default)));
        await Should.ThrowAsync<ForbiddenException>(() => op.Get<ProjectSettingsAdmin>().SaveAsync(projectId, 0, new VipDocument()));
        await using var nobody = await app.ActingAsync("demo", "qa@demo.ktp", Privilege.QualityEvaluate);
        await Should.ThrowAsync<ForbiddenException>(() => nobody.Get<ProjectAdmin>().ListAsync());
    }

    [Fact]
    public async Task An_operator_lists_only_the_projects_they_are_a_member_of()
    {
        var name = "Members " + Guid.NewGuid().ToString("N")[..6];
        var projectId = await ProjectWithTopicsAsync(name);
        await using var op = await app.ActingAsync("demo", "operator2@demo.ktp", Privilege.InquiriesWork);
        (await op.Get<ProjectAdmin>().ListAsync()).ShouldNotContain(p => p.ProjectId == projectId);

        await using (var pm = await app.AsPmAsync())
        {
            var members = await pm.Get<ProjectAdmin>().MembersAsync(projectId);
            var operatorId = members.Single(m => m.Email == "operator2@demo.ktp").UserId;
            await pm.Get<ProjectAdmin>().SetMembersAsync(projectId, [.. members.Where(m => m.IsMember).Select(m => m.UserId), operatorId]);
        }

        (await op.Get<ProjectAdmin>().ListAsync()).ShouldContain(p => p.ProjectId == projectId && p.Name == name);
    }

    [Fact]
    public async Task Another_tenant_cannot_read_or_write_a_projects_settings()
    {
        var projectId = await ProjectWithTopicsAsync("Tenant A project");
        var slug = "iso-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
                .HandleAsync(new SignUpTenant("Beta Ltd", slug, "Beta Admin", $"admin@{slug}.test", KtpHost.Password, "en"));
        await using var beta = await app.ActingAsync(slug, $"admin@{slug}.test", Privilege.ProjectsConfigure);

        (await beta.Get<ProjectAdmin>().ListAsync()).ShouldBeEmpty();
        (await Should.ThrowAsync<ValidationFailedException>(() => beta.Get<TopicConfigAdmin>().LoadAsync(projectId)))
            .Errors["projectId"].ShouldContain("No such project.");
        await Should.ThrowAsync<ValidationFailedException>(() =>
            beta.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 1, ProjectsKit.SimpleTopics())));
        await Should.ThrowAsync<ValidationFailedException>(() => beta.Get<ProjectAdmin>().RenameAsync(projectId, "Taken over"));

        await using (var uow = await beta.Get<CurrentSession>().BeginAsync())
        {
            var store = beta.Get<ProjectConfigStore>();
            (await store.CurrentAsync(uow, projectId)).ShouldBeNull();
            (await ProjectConfigStore.LatestAsync<TopicConfiguration>(uow, projectId, DocumentKinds.Topics)).ShouldBeNull();
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM project_settings")).ShouldBe(0, "row-level security hides tenant A's rows");
        }

        await using var pm = await app.AsPmAsync();
        var own = await pm.Get<TopicConfigAdmin>().LoadAsync(projectId);
        own.Version.ShouldBe(1);
        (await pm.Get<ProjectAdmin>().GetAsync(projectId))!.Name.ShouldBe("Tenant A project");
    }
}
