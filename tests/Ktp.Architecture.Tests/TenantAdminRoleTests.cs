using System.Reflection;
using Ktp.Domain.Access;
using Microsoft.AspNetCore.Authorization;

namespace Ktp.Architecture.Tests;

/// <summary>A new tenant's admin can open every configuration page out of the box: the role's default privileges cover what those pages demand.</summary>
public sealed class TenantAdminRoleTests
{
    private static IEnumerable<(Type Page, string Privilege)> PagesUnder(string ns) =>
        Module.Web.GetTypes()
            .Where(t => t.FullName?.StartsWith(ns, StringComparison.Ordinal) == true && t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Any())
            .SelectMany(t => t.GetCustomAttributes<AuthorizeAttribute>().Where(a => a.Policy is not null).Select(a => (t, a.Policy!)));

    [Theory]
    [InlineData("Ktp.Web.Projects")]
    [InlineData("Ktp.Web.Identity")]
    [InlineData("Ktp.Web.Billing.Pages.BillingPage")]
    public void The_tenant_admin_role_holds_every_privilege_the_configuration_pages_demand(string ns)
    {
        var pages = PagesUnder(ns).ToList();
        pages.ShouldNotBeEmpty();
        var admin = Role.DefaultPrivileges(Role.TenantAdmin);
        pages.Where(p => !admin.Contains(p.Privilege)).Select(p => $"{p.Page.Name} needs {p.Privilege}").ShouldBeEmpty();
    }

    [Fact]
    public void The_tenant_admin_configures_and_monitors_projects_but_is_not_counted_as_an_operator()
    {
        var admin = Role.DefaultPrivileges(Role.TenantAdmin);
        admin.ShouldContain(Privilege.ProjectsConfigure);
        admin.ShouldContain(Privilege.ProjectsMonitor);
        admin.ShouldNotContain(Privilege.InquiriesWork);
    }
}
