using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Projects;

/// <summary><see cref="ProjectConfigStore"/> keeps parsed configurations: a newer version must replace them at once, and no tenant may read another's.</summary>
public sealed class ProjectConfigCacheTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task A_newly_saved_topics_version_is_read_at_once_after_the_old_one_was_kept()
    {
        await using var scope = await app.AsPmAsync();
        var projectId = await scope.Get<ProjectAdmin>().CreateAsync("Cache " + Guid.NewGuid().ToString("N")[..6]);
        var store = scope.Get<ProjectConfigStore>();
        var draft = ProjectsKit.SimpleTopics();
        await scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, draft));

        await using (var uow = await scope.Get<CurrentSession>().BeginAsync())
        {
            var first = (await store.CurrentAsync(uow, projectId))!;
            first.Topics.Topics.ShouldHaveSingleItem().Name.ShouldBe("Invoice question");
            (await store.TopicNameAsync(uow, projectId, first.Topics.Topics[0].Id)).ShouldBe("Invoice question");
        }

        draft.Topics[0].Name = "Invoice dispute";
        draft.Topics.Add(new TopicNodeDraft { Name = "Refund", ParentId = draft.Groups[0].Id, Kind = TopicKind.Request });
        (await scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 1, draft))).ShouldBe(2);

        await using (var uow = await scope.Get<CurrentSession>().BeginAsync())
        {
            var second = (await store.CurrentAsync(uow, projectId))!;
            second.Topics.Topics.Select(t => t.Name).ShouldBe(["Invoice dispute", "Refund"], ignoreOrder: true);
            (await store.TopicNameAsync(uow, projectId, second.Topics.Topics.Single(t => t.Name == "Refund").Id)).ShouldBe("Refund");
        }
    }

    [Fact]
    public async Task Another_tenant_gets_nothing_for_a_project_the_store_has_kept()
    {
        Guid projectId;
        await using (var scope = await app.AsPmAsync())
        {
            projectId = await scope.Get<ProjectAdmin>().CreateAsync("Kept " + Guid.NewGuid().ToString("N")[..6]);
            await scope.Get<TopicConfigAdmin>().SaveAsync(new SaveTopics(projectId, 0, ProjectsKit.SimpleTopics()));
            await using var uow = await scope.Get<CurrentSession>().BeginAsync();
            (await scope.Get<ProjectConfigStore>().CurrentAsync(uow, projectId)).ShouldNotBeNull();
        }

        await using var other = app.Services.CreateAsyncScope();
        var signedUp = await other.Get<SignUpTenantHandler>()
            .HandleAsync(new SignUpTenant("Other Co", "other-" + Guid.NewGuid().ToString("N")[..6], "Boss", "boss@other.test", KtpHost.Password, "en"));
        var tenant = await other.Get<TenantDirectory>().FindBySlugAsync(signedUp.Slug);
        other.Get<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.ProjectsConfigure)], "t")));
        await using var otherUow = await other.Get<CurrentSession>().BeginAsync();

        (await other.Get<ProjectConfigStore>().CurrentAsync(otherUow, projectId)).ShouldBeNull();
    }
}
