using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Identity;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Inquiries;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class InquiryIsolationTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task Another_tenant_sees_none_of_the_inquiry_data_through_the_api_or_a_direct_query()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        Guid inquiryId;
        using (var scope = kit.As("Анна"))
            inquiryId = (await scope.ServiceProvider.GetRequiredService<RegisterContact>().HandleAsync(new RegisterContactCommand(
                kit.ProjectId, null, new NewCustomer("Secret customer", "+7111", null, "S-1", null), "in", "phone", null,
                [new NewInquiry(InquiryTestKit.Complaint.Value, new Dictionary<string, string?> { ["contract"] = "S-1" })]))).InquiryIds[0];

        SignedUp other;
        using (var scope = app.Services.CreateScope())
            other = await scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
                .HandleAsync(new SignUpTenant("Other Co", "other-" + Guid.NewGuid().ToString("N")[..6], "Boss", "boss@other.test", KtpHost.Password, "en"));
        string key;
        using (var scope = app.Services.CreateScope())
        {
            var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync(other.Slug);
            scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant,
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(KtpClaims.Privilege, Privilege.SettingsManage), new Claim(KtpClaims.Privilege, Privilege.InquiriesWork)], "t")));
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("probe", [Privilege.InquiriesWork])).Key;
        }
        var client = app.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await client.GetAsync($"/t/{other.Slug}/api/v1/inquiries/{inquiryId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.PostAsync($"/t/{other.Slug}/api/v1/inquiries/{inquiryId}/events",
            System.Net.Http.Json.JsonContent.Create(new { type = "close" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(other.TenantId);
        foreach (var table in new[] { "inquiries", "customers", "contacts", "projects", "project_settings", "project_routes", "system_problems", "attachments" })
            (await uow.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}")).ShouldBe(0, table);
        (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = @inquiryId", new { inquiryId })).ShouldBe(0);
    }
}
