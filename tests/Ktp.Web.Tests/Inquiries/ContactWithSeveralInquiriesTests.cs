using Dapper;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class ContactWithSeveralInquiriesTests(KtpHost app) : IClassFixture<KtpHost>
{
    private static NewInquiry Complaint(string? contract, string? answeredNow = null) =>
        new(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = contract }, AnsweredNow: answeredNow);

    [Fact]
    public async Task Two_inquiries_of_one_contact_share_the_contact_and_a_quick_consultation_among_them_is_closed_at_once()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var contact = await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Двое в одном", null, null, null, null), "in", "phone", null,
            [Complaint("M-1"), Complaint("M-2", answeredNow: "Explained the tariff")]));

        contact.InquiryIds.Count.ShouldBe(2);
        await using var owner = app.Database.OpenOwner();
        var rows = (await owner.QueryAsync<(Guid ContactId, Guid? CustomerId, string Status)>(
            "SELECT contact_id, customer_id, status FROM inquiries WHERE inquiry_id = ANY(@ids) ORDER BY number", new { ids = contact.InquiryIds.ToArray() })).ToList();
        rows.ShouldAllBe(r => r.ContactId == contact.ContactId && r.CustomerId == contact.CustomerId);
        rows.Select(r => r.Status).ShouldBe(["Waiting", "Closed"]);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM contacts WHERE project_id = @ProjectId", kit)).ShouldBe(1);
    }

    [Fact]
    public async Task One_invalid_inquiry_registers_nothing_and_its_errors_name_that_inquiry()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using var scope = kit.As("Анна");
        var error = await Should.ThrowAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(
            new RegisterContactCommand(kit.ProjectId, null, new NewCustomer("Половина", null, null, null, null), "in", "phone", null,
                [Complaint("N-1"), Complaint(contract: null)])));

        error.Errors.Keys.ShouldBe(["Inquiries[1].contract"]);
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM customers WHERE name = 'Половина'")).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM contacts WHERE project_id = @ProjectId", kit)).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @ProjectId", kit)).ShouldBe(0);
    }
}
