using System.Security.Claims;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Sessions;
using Ktp.Infrastructure.Inquiries;
using Ktp.Web.Seed;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Inquiries;

public sealed class OperatorTemplateTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task An_operator_gets_the_template_of_the_operator_role_in_the_demo_project()
    {
        using var scope = app.Services.CreateScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantDirectory>().FindBySlugAsync("demo");
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(tenant, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(KtpClaims.UserId, Guid.NewGuid().ToString()), new Claim(ClaimTypes.Role, Role.Operator), new Claim(KtpClaims.Privilege, Privilege.InquiriesWork)], "t")));
        var template = await scope.ServiceProvider.GetRequiredService<InquiryQueries>().MyTemplateAsync(DemoProject.ProjectId);
        template.ShouldNotBeNull();
        template.DefaultDirection.ShouldNotBeNull();
        template.DefaultChannel.ShouldNotBeNull();
    }
}
