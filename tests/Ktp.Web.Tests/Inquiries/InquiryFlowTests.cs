using Dapper;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Events;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class InquiryFlowTests(KtpHost app) : IClassFixture<KtpHost>
{
    private async Task<(InquiryTestKit Kit, Guid InquiryId)> RegisterAsync(bool vip, decimal amount)
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var contact = await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("ООО Ромашка", "+79990001122", null, "D-1", "business", vip), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["amount"] = amount.ToString(), ["contract"] = "D-1" })]));
        return (kit, contact.InquiryIds.Single());
    }

    private async Task<InquiryRow> RowAsync(InquiryTestKit kit, Guid inquiryId)
    {
        using var scope = kit.As("reader");
        return (await scope.ServiceProvider.GetRequiredService<InquiryQueries>().RowAsync(inquiryId))!;
    }

    [Fact]
    public async Task A_route_with_three_processes_and_rule_chosen_queues_carries_an_inquiry_to_closed()
    {
        var (kit, id) = await RegisterAsync(vip: true, amount: 5000m);
        (await RowAsync(kit, id)).ShouldSatisfyAllConditions(r => r.QueueCode.ShouldBe("vip"), r => r.Status.ShouldBe("Waiting"));

        using var anna = kit.As("Анна");
        var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
        (await work.TakeNextAsync(kit.ProjectId, "vip")).ShouldBe(id);
        await work.CompleteStepAsync(id, "Checked the contract");
        (await RowAsync(kit, id)).ShouldSatisfyAllConditions(r => r.ProcessCode.ShouldBe("second_line"), r => r.QueueCode.ShouldBe("billing"));

        await work.TakeAsync(id);
        await work.CompleteStepAsync(id, "Refund approved");
        (await RowAsync(kit, id)).QueueCode.ShouldBe("qc");

        await work.TakeAsync(id);
        await work.CompleteStepAsync(id, "Quality checked");
        var closed = await RowAsync(kit, id);
        closed.Status.ShouldBe("Closed");

        var (_, history) = await anna.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
        history.Select(h => h.Event.GetType().Name).ShouldBe([
            "InquiryRegistered", "InquiryQueued", "InquiryTaken", "InquiryProcessed", "InquiryQueued", "InquiryTaken", "InquiryProcessed",
            "InquiryQueued", "InquiryTaken", "InquiryProcessed", "InquiryClosed"]);
        history.ShouldAllBe(h => h.By.Name == "Анна");
    }

    [Fact]
    public async Task Operators_pressing_next_at_once_each_get_a_different_inquiry_while_any_wait()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        const int operators = 100;
        using (var registrar = kit.As("registrar"))
        {
            var register = registrar.ServiceProvider.GetRequiredService<RegisterContact>();
            for (var i = 0; i < operators + 5; i++)
                await register.HandleAsync(new RegisterContactCommand(kit.ProjectId, null, new NewCustomer($"Клиент {i}", $"+7999000{i:D4}", null, "D-1", "person", false),
                    "in", "phone", null, [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["amount"] = "10", ["contract"] = "D-1" })]));
        }

        using var start = new SemaphoreSlim(0);
        var takes = Enumerable.Range(0, operators).Select(async i =>
        {
            using var scope = kit.As($"Оператор {i}");
            var work = scope.ServiceProvider.GetRequiredService<InquiryWork>();
            await start.WaitAsync();
            return await work.TakeNextAsync(kit.ProjectId, "general");
        }).ToList();
        start.Release(operators);
        var taken = await Task.WhenAll(takes);

        taken.ShouldAllBe(id => id != null, "five inquiries still wait, so nobody may be told the queue is empty");
        taken.Distinct().Count().ShouldBe(operators);
    }

    [Fact]
    public async Task A_non_vip_small_complaint_goes_to_the_general_and_then_the_tech_queue()
    {
        var (kit, id) = await RegisterAsync(vip: false, amount: 10m);
        (await RowAsync(kit, id)).QueueCode.ShouldBe("general");
        using var op = kit.As("Сергей");
        var work = op.ServiceProvider.GetRequiredService<InquiryWork>();
        await work.TakeAsync(id);
        await work.CompleteStepAsync(id, "done");
        (await RowAsync(kit, id)).QueueCode.ShouldBe("tech");
    }

    [Fact]
    public async Task Two_operators_taking_the_same_inquiry_exactly_one_wins_and_the_other_gets_a_clear_message()
    {
        var (kit, id) = await RegisterAsync(vip: false, amount: 1m);
        using var anna = kit.As("Анна");
        using var oleg = kit.As("Олег");
        var version = (await RowAsync(kit, id)).Version;
        var attempts = new[] { anna, oleg }.Select(s => Task.Run(async () =>
        {
            try
            {
                await s.ServiceProvider.GetRequiredService<InquiryWork>().TakeAsync(id, version);
                return "won";
            }
            catch (Exception e) when (e is ConcurrencyException or InquiryException or StaleInquiryException)
            {
                return e.Message;
            }
        })).ToArray();
        var results = await Task.WhenAll(attempts);
        results.Count(r => r == "won").ShouldBe(1);
        results.Single(r => r != "won").ShouldNotBeNullOrWhiteSpace();
        // Taking it again later says who has it.
        var loser = results[0] == "won" ? oleg : anna;
        var again = await Should.ThrowAsync<InquiryException>(() => loser.ServiceProvider.GetRequiredService<InquiryWork>().TakeAsync(id));
        again.Message.ShouldContain(results[0] == "won" ? "Анна" : "Олег");
    }

    [Fact]
    public async Task A_required_attribute_missing_or_a_wrong_type_is_refused_and_nothing_is_written()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var register = scope.ServiceProvider.GetRequiredService<RegisterContact>();
        var error = await Should.ThrowAsync<ValidationFailedException>(() => register.HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("X", null, null, null, null), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["amount"] = "много" })])));
        error.Errors.Keys.ShouldContain(k => k.Contains("amount"));
        error.Errors.Keys.ShouldContain(k => k.Contains("contract"));

        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM customers WHERE name = 'X'")).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @ProjectId", kit)).ShouldBe(0);
    }

    [Fact]
    public async Task Time_travel_returns_the_inquiry_as_it_was()
    {
        var (kit, id) = await RegisterAsync(vip: false, amount: 1m);
        await Task.Delay(50);
        var beforeTake = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        using var anna = kit.As("Анна");
        await anna.ServiceProvider.GetRequiredService<InquiryWork>().TakeAsync(id);

        var queries = anna.ServiceProvider.GetRequiredService<InquiryQueries>();
        var (past, _) = await queries.HistoryAsync(id, beforeTake);
        past.Status.ShouldBe(InquiryStatus.Waiting);
        past.Assignee.ShouldBeNull();
        var (now, _) = await queries.HistoryAsync(id);
        now.Status.ShouldBe(InquiryStatus.InWork);
        now.Assignee!.Name.ShouldBe("Анна");
    }

    [Fact]
    public async Task An_in_flight_inquiry_keeps_its_route_version_after_a_new_one_is_published()
    {
        var (kit, id) = await RegisterAsync(vip: false, amount: 5000m);
        // Version 2 sends everything from the first line straight to close.
        var v2 = InquiryTestKit.Route(2) with
        {
            Processes = [InquiryTestKit.Route().Process("first_line") with { DefaultNext = Ktp.Domain.Routing.Transition.Close },
                InquiryTestKit.Route().Process("second_line"), InquiryTestKit.Route().Process("quality")],
        };
        await kit.PublishRouteAsync(v2);
        using var anna = kit.As("Анна");
        var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
        await work.TakeAsync(id);
        await work.CompleteStepAsync(id, "step 1");
        (await RowAsync(kit, id)).ProcessCode.ShouldBe("second_line", "the inquiry started on version 1");
    }
}
