using System.Net;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class BackOfficeOperationsTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(Guid Id, string Name)> DemoUserAsync(InquiryTestKit kit, string email)
    {
        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(kit.Tenant.TenantId);
        return await uow.QuerySingleAsync<(Guid, string)>("SELECT user_id, display_name FROM users WHERE email = @email", new { email });
    }

    /// <summary>Three waiting inquiries, one of them then taken by Анна, one taken and closed.</summary>
    private static async Task<(Guid Waiting, Guid InWork, Guid Closed)> ThreeAsync(InquiryTestKit kit)
    {
        var waiting = await kit.RegisterOneAsync("Первый");
        var inWork = await kit.RegisterOneAsync("Второй");
        var closed = await kit.RegisterOneAsync("Третий");
        using var anna = kit.As("Анна");
        var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
        await work.TakeAsync(inWork);
        await work.TakeAsync(closed);
        await work.CloseAsync(closed, "Done");
        return (waiting, inWork, closed);
    }

    [Fact]
    public async Task A_group_close_reports_the_one_refused_inquiry_and_closes_the_rest()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var (waiting, inWork, closed) = await ThreeAsync(kit);
        using var manager = kit.As("Менеджер", manager: true);
        var result = await manager.ServiceProvider.GetRequiredService<BackOfficeOperations>().CloseAsync([waiting, closed, inWork], "Duplicate of 42");

        result.Items.Select(i => i.InquiryId).ShouldBe([waiting, closed, inWork]);
        result.Succeeded.ShouldBe(2);
        var refused = result.Items.Single(i => !i.Ok);
        refused.InquiryId.ShouldBe(closed);
        refused.Error!.ShouldContain("closed");
        refused.Number.ShouldBe((await kit.RowAsync(closed)).Number);
        (await kit.RowAsync(waiting)).Status.ShouldBe("Closed");
        (await kit.RowAsync(inWork)).Status.ShouldBe("Closed");

        var (state, _) = await manager.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(inWork);
        state.Resolution.ShouldBe("Duplicate of 42");
    }

    [Fact]
    public async Task Group_assign_transfer_responsible_and_reopen_act_on_each_inquiry()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var (waiting, inWork, closed) = await ThreeAsync(kit);
        var (operatorId, operatorName) = await DemoUserAsync(kit, "operator@demo.ktp");
        var (executorId, executorName) = await DemoUserAsync(kit, "executor@demo.ktp");
        using var manager = kit.As("Менеджер", manager: true);
        var ops = manager.ServiceProvider.GetRequiredService<BackOfficeOperations>();

        (await ops.AssignResponsibleAsync([waiting, inWork, closed], executorId)).Succeeded.ShouldBe(3);
        (await kit.SearchAsync(new InquiryFilter { ResponsibleId = executorId })).Select(r => r.ResponsibleName).ShouldBe([executorName, executorName, executorName]);

        var assigned = await ops.AssignToPersonAsync([waiting, closed], operatorId, "Knows the customer");
        assigned.Items.Select(i => i.Ok).ShouldBe([true, false]);
        (await kit.RowAsync(waiting)).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("InWork"), r => r.AssigneeId.ShouldBe(operatorId));

        var moved = await ops.TransferToQueueAsync([waiting, inWork], "tech", null);
        moved.Succeeded.ShouldBe(2);
        (await kit.SearchAsync(new InquiryFilter { QueueCode = "tech", Statuses = ["Waiting"] })).Count.ShouldBe(2);
        (await ops.TransferToQueueAsync([waiting], "nowhere", null)).Items.Single().Error!.ShouldContain("nowhere");

        var reopened = await ops.ReopenAsync([closed, waiting], "The customer called again");
        reopened.Items.Select(i => i.Ok).ShouldBe([true, false]);
        (await kit.RowAsync(closed)).Status.ShouldBe("InWork");

        await Should.ThrowAsync<ValidationFailedException>(() => ops.AssignToPersonAsync([waiting], Guid.NewGuid(), null));
        await Should.ThrowAsync<ValidationFailedException>(() => ops.CloseAsync([waiting], " "));
        await Should.ThrowAsync<ValidationFailedException>(() => ops.CloseAsync([], "x"));
    }

    [Fact]
    public async Task Resolving_a_problem_closes_every_open_linked_inquiry()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var (waiting, inWork, closed) = await ThreeAsync(kit);
        var elsewhere = await (await new InquiryTestKit(app).CreateAsync()).RegisterOneAsync("Чужой");
        using var manager = kit.As("Менеджер", manager: true);
        var problems = manager.ServiceProvider.GetRequiredService<SystemProblems>();
        var problemId = await problems.CreateAsync(new NewProblem(kit.ProjectId, "Авария на узле связи", "Нет интернета в районе"));

        var linked = await problems.LinkAsync(problemId, [waiting, inWork, closed, elsewhere]);
        linked.Items.Select(i => i.Ok).ShouldBe([true, true, true, false], "an inquiry of another project is refused");
        (await problems.ListAsync(kit.ProjectId)).Single().ShouldSatisfyAllConditions(
            p => p.Linked.ShouldBe(3), p => p.OpenLinked.ShouldBe(2), p => p.IsOpen.ShouldBeTrue());
        (await kit.SearchAsync(new InquiryFilter { ProblemId = problemId })).Count.ShouldBe(3);

        var resolved = await problems.ResolveAsync(problemId, "Узел восстановлен", closeLinked: true);
        resolved.Items.Select(i => i.InquiryId).Order().ShouldBe(new[] { waiting, inWork }.Order(), "the closed one is left alone");
        resolved.Items.ShouldAllBe(i => i.Ok);
        foreach (var id in new[] { waiting, inWork })
        {
            var (state, _) = await manager.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
            state.ShouldSatisfyAllConditions(s => s.Status.ShouldBe(InquiryStatus.Closed), s => s.Resolution.ShouldBe("Узел восстановлен"));
        }
        (await problems.FindAsync(problemId))!.ShouldSatisfyAllConditions(p => p.IsOpen.ShouldBeFalse(), p => p.OpenLinked.ShouldBe(0));
        (await Should.ThrowAsync<ValidationFailedException>(() => problems.ResolveAsync(problemId, "again", true))).Message.ShouldContain("already resolved");
        await Should.ThrowAsync<ValidationFailedException>(() => problems.LinkAsync(problemId, [waiting]));
    }

    [Fact]
    public async Task Resolving_a_problem_without_closing_notifies_each_open_linked_inquiry()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var (waiting, inWork, _) = await ThreeAsync(kit);
        using var manager = kit.As("Менеджер", manager: true);
        var problems = manager.ServiceProvider.GetRequiredService<SystemProblems>();
        var problemId = await problems.CreateAsync(new NewProblem(kit.ProjectId, "Сбой биллинга", null));
        await problems.LinkAsync(problemId, [waiting, inWork]);

        var resolved = await problems.ResolveAsync(problemId, "Списания отменены", closeLinked: false);
        resolved.Succeeded.ShouldBe(2);
        foreach (var (id, status) in new[] { (waiting, "Waiting"), (inWork, "InWork") })
        {
            (await kit.RowAsync(id)).Status.ShouldBe(status);
            var (_, history) = await manager.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
            var comment = history.Select(h => h.Event).OfType<CommentAdded>().Single();
            comment.Text.ShouldContain("Сбой биллинга");
            comment.Text.ShouldContain("Списания отменены");
        }
    }

    [Fact]
    public async Task A_user_without_inquiries_manage_is_refused_group_operations_and_problems()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var id = await kit.RegisterOneAsync("Клиент");
        using var anna = kit.As("Анна");
        var ops = anna.ServiceProvider.GetRequiredService<BackOfficeOperations>();
        await Should.ThrowAsync<ForbiddenException>(() => ops.CloseAsync([id], "x"));
        await Should.ThrowAsync<ForbiddenException>(() => ops.TransferToQueueAsync([id], "tech", null));
        await Should.ThrowAsync<ForbiddenException>(() => ops.AssignResponsibleAsync([id], Guid.NewGuid()));
        var problems = anna.ServiceProvider.GetRequiredService<SystemProblems>();
        await Should.ThrowAsync<ForbiddenException>(() => problems.CreateAsync(new NewProblem(kit.ProjectId, "x", null)));
        await Should.ThrowAsync<ForbiddenException>(() => problems.ResolveAsync(Guid.NewGuid(), "x", true));
        (await kit.RowAsync(id)).Status.ShouldBe("Waiting");
    }

    [Fact]
    public async Task The_back_office_pages_answer_403_without_inquiries_work()
    {
        var customer = await app.SignedInAsync("demo", "customer@demo.ktp");
        (await customer.GetAsync("/t/demo/backoffice")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.GetAsync("/t/demo/problems")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.GetAsync($"/t/demo/customers/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var operatorClient = await app.SignedInAsync("demo", "operator@demo.ktp");
        (await operatorClient.GetAsync("/t/demo/backoffice")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await operatorClient.GetAsync("/t/demo/problems")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
