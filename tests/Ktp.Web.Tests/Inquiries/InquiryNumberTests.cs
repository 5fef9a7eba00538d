using Dapper;
using Ktp.Domain.Inquiries;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class InquiryNumberTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task Parallel_registrations_get_the_tenant_s_next_numbers_and_a_rebuilt_row_keeps_its_number()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        var db = app.Services.GetRequiredService<KtpDatabase>();
        long highest;
        await using (var uow = await db.BeginTenantAsync(kit.Tenant.TenantId))
            highest = await uow.ExecuteScalarAsync<long>("SELECT coalesce(max(number), 0) FROM inquiries");

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var scope = kit.As("Анна");
            return (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                kit.ProjectId, null, new NewCustomer("Customer " + i, "+7000" + i, null, "N-" + i, null), "in", "phone", null,
                [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "N-" + i })]))).InquiryIds[0];
        }));

        await using var check = await db.BeginTenantAsync(kit.Tenant.TenantId);
        var numbers = (await check.QueryAsync<(Guid Id, long Number)>("SELECT inquiry_id, number FROM inquiries WHERE inquiry_id = ANY(@ids)", new { ids }))
            .ToDictionary(r => r.Id, r => r.Number);
        numbers.Values.Order().ShouldBe(Enumerable.Range(1, 8).Select(n => highest + n));

        var store = app.Services.GetRequiredService<Ktp.Infrastructure.Events.EventStore>();
        var events = await store.ReadStreamAsync(check, ids[0]);
        events[0].Data.ShouldBeOfType<InquiryRegistered>().Number.ShouldBe(numbers[ids[0]]);

        await using (var owner = app.Database.OpenOwner()) // the app role may not delete read-model rows
            await owner.ExecuteAsync("DELETE FROM inquiries WHERE inquiry_id = @id", new { id = ids[0] });
        var projection = app.Services.GetServices<IInlineProjection>().OfType<InquiryProjection>().Single();
        await projection.ApplyAsync(check, events, default);
        (await check.ExecuteScalarAsync<long>("SELECT number FROM inquiries WHERE inquiry_id = @id", new { id = ids[0] })).ShouldBe(numbers[ids[0]]);
    }

    [Fact]
    public async Task Each_tenant_counts_its_own_inquiries_from_one()
    {
        SignedUp other;
        using (var scope = app.Services.CreateScope())
            other = await scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
                .HandleAsync(new SignUpTenant("Numbers Co", "numbers-" + Guid.NewGuid().ToString("N")[..6], "Boss", "boss@numbers.test", KtpHost.Password, "en"));

        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(other.TenantId);
        (await InquiryNumbers.NextAsync(uow, default)).ShouldBe(1);
        (await InquiryNumbers.NextAsync(uow, default)).ShouldBe(2);
    }
}
