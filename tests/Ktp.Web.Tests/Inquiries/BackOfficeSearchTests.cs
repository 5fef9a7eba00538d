using System.Security.Claims;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Inquiries;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class BackOfficeSearchTests(KtpHost app) : IClassFixture<KtpHost>
{
    /// <summary>
    /// A: Ромашка, phone, high, D-1, 5000, VIP (vip queue). B: Васильев, email, D-2 (general).
    /// C: Ромашка again on the same topic (a repeat), phone, D-1 (vip: the customer is). D: Лютик, chat, closed by Анна.
    /// </summary>
    private async Task<(InquiryTestKit Kit, Guid A, Guid B, Guid C, Guid D, Guid Romashka)> FourAsync()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var a = await kit.RegisterAsync("ООО Ромашка", "phone", "high", "D-1", 5000m, vip: true, phone: "+79990001122");
        var b = await kit.RegisterOneAsync("ИП Васильев", "email", "normal", "D-2", 10m);
        var c = await kit.RegisterOneAsync("", "phone", "normal", "D-1", 10m, customerId: a.CustomerId);
        var d = await kit.RegisterOneAsync("Лютик", "chat", "normal", "D-4", 10m);
        using var anna = kit.As("Анна");
        var work = anna.ServiceProvider.GetRequiredService<InquiryWork>();
        await work.TakeAsync(d);
        await work.CloseAsync(d, "Answered");
        return (kit, a.InquiryIds.Single(), b, c, d, a.CustomerId!.Value);
    }

    private static async Task ShouldFind(InquiryTestKit kit, InquiryFilter filter, params Guid[] expected) =>
        (await kit.SearchAsync(filter)).Select(r => r.InquiryId).Order().ShouldBe(expected.Order(), filter.ToJson());

    [Fact]
    public async Task Filters_over_several_fields_return_exactly_the_matching_inquiries()
    {
        var (kit, a, b, c, d, _) = await FourAsync();
        var all = await kit.SearchAsync(new InquiryFilter());
        var number = all.ToDictionary(r => r.InquiryId, r => r.Number);

        await ShouldFind(kit, new InquiryFilter(), a, b, c, d);
        await ShouldFind(kit, new InquiryFilter { Channel = "phone" }, a, c);
        await ShouldFind(kit, new InquiryFilter { Channel = "phone", Priority = "high" }, a);
        await ShouldFind(kit, new InquiryFilter { CustomerText = "ромаш" }, a, c);
        await ShouldFind(kit, new InquiryFilter { CustomerText = "+79990001122" }, a, c);
        await ShouldFind(kit, new InquiryFilter { QueueCode = "general", Statuses = ["Waiting"] }, b);
        await ShouldFind(kit, new InquiryFilter { QueueCode = "vip" }, a, c);
        await ShouldFind(kit, new InquiryFilter { ProcessCode = "first_line", Statuses = ["Waiting", "InWork"] }, a, b, c);
        await ShouldFind(kit, new InquiryFilter { Statuses = ["Closed"] }, d);
        await ShouldFind(kit, new InquiryFilter { AssigneeId = InquiryTestKit.StableId("Анна") }, d);
        await ShouldFind(kit, new InquiryFilter { AttributeCode = "contract", AttributeValue = "D-1" }, a, c);
        await ShouldFind(kit, new InquiryFilter { AttributeCode = "contract", AttributeValue = "D-1", Channel = "phone", Priority = "normal" }, c);
        await ShouldFind(kit, new InquiryFilter { RepeatOnly = true }, c);
        await ShouldFind(kit, new InquiryFilter { Numbers = $"№{number[a]}, {number[b]} и ещё {number[d]}" }, a, b, d);
        await ShouldFind(kit, new InquiryFilter { Kind = "Complaint", TopicIds = [InquiryTestKit.Complaint.Value], Channel = "chat" }, d);
        await ShouldFind(kit, new InquiryFilter { Kind = "Consultation" });
        await ShouldFind(kit, new InquiryFilter { RegisteredFrom = DateTimeOffset.UtcNow.AddMinutes(-10), RegisteredTo = DateTimeOffset.UtcNow.AddMinutes(1) }, a, b, c, d);
        await ShouldFind(kit, new InquiryFilter { RegisteredTo = DateTimeOffset.UtcNow.AddDays(-1) });
        await ShouldFind(kit, new InquiryFilter { SlaBreachedOnly = true });
        // User text is only ever a parameter.
        await ShouldFind(kit, new InquiryFilter { CustomerText = "'; DROP TABLE inquiries; --" });
        await ShouldFind(kit, new InquiryFilter { CustomerText = "%" });
        await ShouldFind(kit, new InquiryFilter { AttributeCode = "contract')::jsonb OR true --", AttributeValue = "D-1" });
    }

    [Fact]
    public async Task The_list_pages_sorts_and_counts()
    {
        var (kit, a, b, c, d, _) = await FourAsync();
        using var scope = kit.As("Менеджер", manager: true);
        var search = scope.ServiceProvider.GetRequiredService<InquirySearch>();
        var filter = new InquiryFilter { ProjectId = kit.ProjectId };
        var first = await search.SearchAsync(filter, new InquirySort("Number", false), skip: 0, take: 3);
        first.Total.ShouldBe(4);
        first.Rows.Select(r => r.InquiryId).ShouldBe([a, b, c]);
        var second = await search.SearchAsync(filter, new InquirySort("Number", false), skip: 3, take: 3);
        second.Rows.Select(r => r.InquiryId).ShouldBe([d]);
        second.Total.ShouldBe(4);
        (await search.SearchAsync(filter, new InquirySort("number; DROP TABLE inquiries", false))).Rows.Count.ShouldBe(4, "an unknown column sorts by registration");
        await Should.ThrowAsync<ValidationFailedException>(() => search.SearchAsync(filter with { Numbers = "no numbers here" }));
    }

    [Fact]
    public async Task A_worker_sees_only_the_projects_they_are_a_member_of()
    {
        var (kit, _, _, _, _, _) = await FourAsync();
        using var oleg = kit.As("Олег");
        (await oleg.ServiceProvider.GetRequiredService<InquirySearch>().SearchAsync(new InquiryFilter { ProjectId = kit.ProjectId })).Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_saved_filter_comes_back_with_every_field_and_finds_the_same_rows()
    {
        var (kit, a, _, c, _, _) = await FourAsync();
        var filter = new InquiryFilter
        {
            ProjectId = kit.ProjectId, Statuses = ["Waiting", "InWork"], TopicIds = [InquiryTestKit.Complaint.Value], Channel = " phone ",
            CustomerText = "Ромашка", AttributeCode = "contract", AttributeValue = "D-1", RegisteredFrom = DateTimeOffset.UtcNow.AddHours(-1),
            Kind = "Complaint",
        };
        using var scope = kit.As("Менеджер", manager: true);
        var saved = scope.ServiceProvider.GetRequiredService<SavedFilters>();
        var id = await saved.SaveAsync("Ромашка по телефону", filter);
        (await saved.SaveAsync("Ромашка по телефону", filter with { Priority = "high" }, shared: true)).ShouldBe(id, "the same name replaces");

        var back = (await saved.ListAsync()).Single(f => f.FilterId == id);
        back.ShouldSatisfyAllConditions(
            f => f.Name.ShouldBe("Ромашка по телефону"), f => f.Shared.ShouldBeTrue(), f => f.Mine.ShouldBeTrue(),
            f => f.Filter.Statuses.ShouldBe(["Waiting", "InWork"]), f => f.Filter.TopicIds.ShouldBe([InquiryTestKit.Complaint.Value]),
            f => f.Filter.Channel.ShouldBe("phone"), f => f.Filter.Priority.ShouldBe("high"), f => f.Filter.AttributeValue.ShouldBe("D-1"),
            f => f.Filter.RegisteredFrom!.Value.ToUnixTimeMilliseconds().ShouldBe(filter.RegisteredFrom!.Value.ToUnixTimeMilliseconds()));
        await ShouldFind(kit, back.Filter, a);
        await ShouldFind(kit, back.Filter with { Priority = null }, a, c);

        // Shared filters are seen by colleagues; private ones are not. Only managers share.
        using var oleg = kit.As("Олег");
        var olegs = oleg.ServiceProvider.GetRequiredService<SavedFilters>();
        (await olegs.ListAsync()).ShouldContain(f => f.FilterId == id && !f.Mine);
        await Should.ThrowAsync<ForbiddenException>(() => olegs.SaveAsync("Всем", filter, shared: true));
        await Should.ThrowAsync<ValidationFailedException>(() => olegs.DeleteAsync(id));
        var privateId = await olegs.SaveAsync("Моё", filter);
        (await saved.ListAsync()).ShouldNotContain(f => f.FilterId == privateId);

        await saved.DeleteAsync(id);
        (await saved.ListAsync()).ShouldNotContain(f => f.FilterId == id);
    }

    [Fact]
    public async Task Saved_filters_of_one_tenant_are_invisible_to_another()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using (var scope = kit.As("Менеджер", manager: true))
            await scope.ServiceProvider.GetRequiredService<SavedFilters>().SaveAsync("Общий", new InquiryFilter { Channel = "phone" }, shared: true);

        var otherId = await app.Database.CreateTenantRowAsync();
        using var other = app.Services.CreateScope();
        other.ServiceProvider.GetRequiredService<CurrentSession>().Set(new TenantInfo(otherId, "other-" + otherId.ToString("N")[..8], "Other", "ru", "customer", "active"),
            new ClaimsPrincipal(new ClaimsIdentity([
                new Claim(KtpClaims.UserId, InquiryTestKit.StableId("Менеджер").ToString()), new Claim(KtpClaims.DisplayName, "Менеджер"),
                new Claim(KtpClaims.Privilege, Privilege.InquiriesWork), new Claim(KtpClaims.Privilege, Privilege.InquiriesManage)], "test")));
        (await other.ServiceProvider.GetRequiredService<SavedFilters>().ListAsync()).ShouldBeEmpty();

        await using (var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(otherId))
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM saved_filters")).ShouldBe(0);
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM saved_filters")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_customer_card_shows_history_notes_and_the_repeat_flag()
    {
        var (kit, a, _, c, _, romashka) = await FourAsync();
        using var anna = kit.As("Анна");
        var card = anna.ServiceProvider.GetRequiredService<CustomerCard>();
        await card.AddNoteAsync(romashka, "Просит звонить после 18:00");
        await card.AddNoteAsync(romashka, "VIP с 2020 года");
        await Should.ThrowAsync<ValidationFailedException>(() => card.AddNoteAsync(romashka, "  "));

        var details = (await card.DetailsAsync(romashka))!;
        details.ShouldSatisfyAllConditions(
            d => d.Name.ShouldBe("ООО Ромашка"), d => d.Vip.ShouldBeTrue(), d => d.Inquiries.ShouldBe(2), d => d.OpenInquiries.ShouldBe(2),
            d => d.RecentRepeat.ShouldBeTrue(), d => d.Notes.Select(n => n.Text).ShouldBe(["Просит звонить после 18:00", "VIP с 2020 года"]),
            d => d.Notes.ShouldAllBe(n => n.By == "Анна"));
        var inquiries = await card.InquiriesAsync(romashka);
        inquiries.Select(i => (i.InquiryId, i.IsRepeat)).ShouldBe([(c, true), (a, false)]);
        (await card.ContactsAsync(romashka)).ShouldSatisfyAllConditions(
            k => k.Count.ShouldBe(2), k => k.ShouldAllBe(x => x.Inquiries == 1 && x.Channel == "phone" && x.OperatorName == "Анна"));
    }
}
