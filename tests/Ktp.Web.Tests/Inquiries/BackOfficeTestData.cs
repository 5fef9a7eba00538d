using System.Globalization;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

/// <summary>Registers inquiries in the kit's project and reads the back office list, for the back office tests.</summary>
public static class BackOfficeTestData
{
    public static async Task<RegisteredContact> RegisterAsync(this InquiryTestKit kit, string customer, string channel = "phone",
        string priority = "normal", string contract = "D-1", decimal amount = 10m, bool vip = false, Guid? customerId = null, string by = "Анна",
        string? phone = null)
    {
        using var scope = kit.As(by);
        return await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, customerId, customerId is null ? new NewCustomer(customer, phone, null, contract, "business", vip) : null,
            "in", channel, null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?>
            {
                ["amount"] = amount.ToString(CultureInfo.InvariantCulture),
                ["contract"] = contract,
            }, priority)]));
    }

    public static async Task<Guid> RegisterOneAsync(this InquiryTestKit kit, string customer, string channel = "phone", string priority = "normal",
        string contract = "D-1", decimal amount = 10m, bool vip = false, Guid? customerId = null) =>
        (await kit.RegisterAsync(customer, channel, priority, contract, amount, vip, customerId)).InquiryIds.Single();

    /// <summary>The rows a manager sees for the filter, narrowed to the kit's project.</summary>
    public static async Task<IReadOnlyList<BackOfficeRow>> SearchAsync(this InquiryTestKit kit, InquiryFilter filter, string who = "Менеджер")
    {
        using var scope = kit.As(who, manager: true);
        var page = await scope.ServiceProvider.GetRequiredService<InquirySearch>().SearchAsync(filter with { ProjectId = kit.ProjectId }, take: 500);
        return page.Rows;
    }

    public static async Task<BackOfficeRow> RowAsync(this InquiryTestKit kit, Guid inquiryId) =>
        (await kit.SearchAsync(new InquiryFilter())).Single(r => r.InquiryId == inquiryId);
}
