using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Inquiries;

namespace Ktp.Web.Seed;

/// <summary>
/// Sample work in the demo project, written through the same handlers operators use: contacts with
/// inquiries on several topics, some taken, some moved a step on, some closed.
/// </summary>
public static class DemoInquiries
{
    private static readonly (string Name, string Phone, string Contract, bool Vip)[] Customers =
    [
        ("Ольга Васильева", "+7 916 100-20-30", "Д-1001", false), ("Игорь Николаев", "+7 903 555-12-34", "Д-1002", true),
        ("ООО «Вектор»", "+7 495 777-00-11", "Д-2001", false), ("Татьяна Орлова", "+7 926 321-54-76", "Д-1003", false),
        ("Алексей Фёдоров", "+7 985 111-22-33", "Д-1004", false), ("ИП Белов", "+7 499 234-56-78", "Д-2002", true),
    ];

    public static async Task SeedAsync(IServiceProvider services, KtpDatabase db, TenantInfo tenant, Guid projectId, CancellationToken ct)
    {
        await using (var check = await db.BeginTenantAsync(tenant.TenantId, ct))
            if (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM inquiries WHERE project_id = @projectId", new { projectId }, ct: ct) > 0) return;

        var operators = new List<(Guid Id, string Name)>();
        await using (var uow = await db.BeginTenantAsync(tenant.TenantId, ct))
            operators = (await uow.QueryAsync<(Guid, string)>("SELECT user_id, display_name FROM users WHERE email IN ('operator@demo.ktp', 'operator2@demo.ktp') ORDER BY email", ct: ct)).ToList();

        var topics = new (TopicId Topic, Dictionary<string, string?> Attributes, string Channel)[]
        {
            (DemoProjectTopics.InvoiceQuestion, new() { ["contract_no"] = "Д-1001" }, "phone"),
            (DemoProjectTopics.Refund, new() { ["contract_no"] = "Д-1002", ["refund_amount"] = "1850", ["card_last4"] = "4411" }, "email"),
            (DemoProjectTopics.PaymentMethodChange, new() { ["contract_no"] = "Д-2001", ["payment_method"] = "autopay" }, "phone"),
            (DemoProjectTopics.NewConnection, new() { ["address"] = "Москва, ул. Лесная, 7", ["flat"] = "12", ["promo_code"] = "ОСЕНЬ" }, "web"),
            (DemoProjectTopics.ConnectionDelay, new() { ["address"] = "Москва, Варшавское ш., 41", ["promised_date"] = "2026-11-10" }, "phone"),
            (DemoProjectTopics.RefundMissing, new() { ["contract_no"] = "Д-2002", ["refund_amount"] = "12400", ["card_last4"] = "9043" }, "telegram"),
        };

        for (var i = 0; i < 18; i++)
        {
            var op = operators[i % operators.Count];
            using var scope = services.CreateScope();
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(KtpClaims.UserId, op.Id.ToString()), new Claim(KtpClaims.DisplayName, op.Name),
                new Claim(KtpClaims.Privilege, Privilege.InquiriesWork),
            ], "seed"));
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, principal);
            var customer = Customers[i % Customers.Length];
            var (topic, attributes, channel) = topics[i % topics.Length];
            var contact = await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                projectId, null, new NewCustomer(customer.Name, customer.Phone, null, customer.Contract, customer.Vip ? "business" : "private", customer.Vip),
                "in", channel, null, [new NewInquiry(topic.Value, attributes, i % 5 == 0 ? "high" : "normal")]), ct);
            var work = scope.ServiceProvider.GetRequiredService<InquiryWork>();
            var id = contact.InquiryIds[0];
            if (i % 3 == 0) continue; // left waiting in its queue
            await work.TakeAsync(id, ct: ct);
            if (i % 3 == 1) continue; // in work
            if (i % 2 == 0) await work.CloseAsync(id, "Вопрос решён во время звонка", ct);
            else await work.CompleteStepAsync(id, "Передано на вторую линию", ct);
        }
    }
}
