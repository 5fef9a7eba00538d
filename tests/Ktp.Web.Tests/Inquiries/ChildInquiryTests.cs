using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class ChildInquiryTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task A_child_inquiry_is_routed_on_its_own_and_the_parent_records_it()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var parent = (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Родитель", null, null, null, null), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "P-1" })]))).InquiryIds[0];

        var child = await scope.ServiceProvider.GetRequiredService<ChildInquiries>().CreateAsync(parent, InquiryTestKit.Complaint.Value,
            new Dictionary<string, string?> { ["contract"] = "P-1", ["amount"] = "5000" });

        var queries = scope.ServiceProvider.GetRequiredService<InquiryQueries>();
        (await queries.HistoryAsync(parent)).State.Children.Single().Value.ShouldBe(child);
        var (childState, _) = await queries.HistoryAsync(child);
        childState.ParentId!.Value.Value.ShouldBe(parent);
        (await queries.RowAsync(child))!.Status.ShouldBe("Waiting");
    }
}

public sealed class QuickConsultationTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task A_consultation_answered_during_the_contact_is_registered_closed_and_gets_no_sla_timer()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var id = (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Вопрос", null, null, null, null), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "Q-1" }, AnsweredNow: "Explained the tariff")]))).InquiryIds[0];

        var (state, history) = await scope.ServiceProvider.GetRequiredService<InquiryQueries>().HistoryAsync(id);
        state.Status.ShouldBe(Ktp.Domain.Inquiries.InquiryStatus.Closed);
        state.Resolution.ShouldBe("Explained the tariff");
        history.Count.ShouldBe(4);
        (await app.ScheduledAsync<SlaDeadlineDue>(kit.Tenant.TenantId)).ShouldNotContain(t => t.Message.InquiryId == id);
    }
}
