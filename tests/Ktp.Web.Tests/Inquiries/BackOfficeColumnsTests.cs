using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Inquiries.BackOffice;
using Ktp.Infrastructure.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

/// <summary>The back office columns a user chose: theirs alone, in their workspace alone.</summary>
public sealed class BackOfficeColumnsTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task Each_user_keeps_their_own_columns_and_another_workspace_sees_none_of_them()
    {
        var kit = await new InquiryTestKit(app).CreateAsync();
        using (var anna = kit.As("Анна"))
        {
            var columns = anna.ServiceProvider.GetRequiredService<BackOfficeColumns>();
            (await columns.MineAsync()).ShouldBeNull("the page shows its defaults until the user chooses");
            await columns.SaveAsync(["Status", "Step", "Due"]);
            await columns.SaveAsync(["Status", "Step", "Due", "Channel"]);
            (await columns.MineAsync()).ShouldBe(["Status", "Step", "Due", "Channel"]);
            await Should.ThrowAsync<ValidationFailedException>(() => columns.SaveAsync([""]));
        }
        using (var oleg = kit.As("Олег"))
            (await oleg.ServiceProvider.GetRequiredService<BackOfficeColumns>().MineAsync()).ShouldBeNull();

        // The same user id in another workspace: row-level security hides the first workspace's choice.
        var otherId = await app.Database.CreateTenantRowAsync();
        using (var other = app.Services.CreateScope())
        {
            other.ServiceProvider.GetRequiredService<CurrentSession>().Set(new TenantInfo(otherId, "other-" + otherId.ToString("N")[..8], "Other", "ru", "customer", "active"),
                new ClaimsPrincipal(new ClaimsIdentity([
                    new Claim(KtpClaims.UserId, InquiryTestKit.StableId("Анна").ToString()), new Claim(KtpClaims.DisplayName, "Анна"),
                    new Claim(KtpClaims.Privilege, Privilege.InquiriesWork)], "test")));
            (await other.ServiceProvider.GetRequiredService<BackOfficeColumns>().MineAsync()).ShouldBeNull();
            await using var uow = await app.Services.GetRequiredService<KtpDatabase>().BeginTenantAsync(otherId);
            (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM backoffice_columns")).ShouldBe(0);
        }

        using (var anna = kit.As("Анна"))
        {
            var columns = anna.ServiceProvider.GetRequiredService<BackOfficeColumns>();
            await columns.ResetAsync();
            (await columns.MineAsync()).ShouldBeNull();
        }
    }
}
