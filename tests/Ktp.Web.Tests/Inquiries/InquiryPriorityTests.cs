using Dapper;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Projects.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

/// <summary>A new inquiry takes one of the project's priorities: the default unless the operator picks another.</summary>
public sealed class InquiryPriorityTests(KtpHost app) : IClassFixture<KtpHost>
{
    private static PrioritiesDocument Levels(params string[] codes) => new()
    {
        Priorities = [.. codes.Select(c => new PriorityLevel { Code = c.TrimEnd('*'), Name = c.ToUpperInvariant(), IsDefault = c.EndsWith('*') })],
    };

    private static Task<RegisteredContact> RegisterAsync(InquiryTestKit kit, string? priority)
    {
        using var scope = kit.As("Анна");
        return scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
            kit.ProjectId, null, new NewCustomer("Priority " + priority, null, null, null, null), "in", "phone", null,
            [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "P-1" }, priority)]));
    }

    private async Task<string> PriorityOfAsync(InquiryTestKit kit, Guid inquiryId)
    {
        using var scope = kit.As("reader");
        return (await scope.ServiceProvider.GetRequiredService<InquiryQueries>().RowAsync(inquiryId))!.Priority;
    }

    [Fact]
    public async Task Without_a_choice_the_inquiry_gets_the_projects_default_priority()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        await kit.UseSettingsAsync(DocumentKinds.Priorities, Levels("low", "normal", "high*"));

        var contact = await RegisterAsync(kit, null);

        (await PriorityOfAsync(kit, contact.InquiryIds[0])).ShouldBe("high");
    }

    [Fact]
    public async Task A_project_without_a_marked_default_registers_normal_when_it_lists_it()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        await kit.UseSettingsAsync(DocumentKinds.Priorities, Levels("low", "normal", "high"));

        (await PriorityOfAsync(kit, (await RegisterAsync(kit, " ")).InquiryIds[0])).ShouldBe("normal");
    }

    [Fact]
    public async Task A_listed_priority_is_kept_and_an_unlisted_one_is_refused_with_nothing_written()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        await kit.UseSettingsAsync(DocumentKinds.Priorities, Levels("low", "normal*", "critical"));

        (await PriorityOfAsync(kit, (await RegisterAsync(kit, "critical")).InquiryIds[0])).ShouldBe("critical");

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => RegisterAsync(kit, "urgent"));
        refused.Errors.Keys.ShouldBe(["Inquiries[0].Priority"]);
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM customers WHERE name = 'Priority urgent'")).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @ProjectId", kit)).ShouldBe(1);
    }

    [Fact]
    public async Task A_new_version_of_the_list_applies_to_the_next_registration()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        await kit.UseSettingsAsync(DocumentKinds.Priorities, Levels("low", "normal*"));
        (await PriorityOfAsync(kit, (await RegisterAsync(kit, "low")).InquiryIds[0])).ShouldBe("low");

        await kit.UseSettingsAsync(DocumentKinds.Priorities, Levels("normal*", "high"));

        await Should.ThrowAsync<ValidationFailedException>(() => RegisterAsync(kit, "low"));
        (await PriorityOfAsync(kit, (await RegisterAsync(kit, "high")).InquiryIds[0])).ShouldBe("high");
    }

    [Fact]
    public async Task A_project_that_lists_no_priorities_accepts_any_short_code()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();

        (await PriorityOfAsync(kit, (await RegisterAsync(kit, "vip-line")).InquiryIds[0])).ShouldBe("vip-line");
        (await PriorityOfAsync(kit, (await RegisterAsync(kit, null)).InquiryIds[0])).ShouldBe("normal");
        await Should.ThrowAsync<ValidationFailedException>(() => RegisterAsync(kit, new string('x', 41)));
    }
}
