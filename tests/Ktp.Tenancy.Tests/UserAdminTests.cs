using Ktp.Domain.Access;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Billing;
using Ktp.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Tenancy.Tests;

public sealed class UserAdminTests(TenancyHost host) : IClassFixture<TenancyHost>
{
    [Fact]
    public async Task An_admin_adds_a_user_and_a_duplicate_email_is_refused()
    {
        var tenant = await host.SignUpAsync();
        using var scope = host.ActingAs(tenant, Privilege.UsersManage, Privilege.InquiriesWork);
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();

        await admin.CreateAsync(new CreateUser("op@x.test", "Operator One", "Strong-Password-1", [Role.Operator]));
        var error = await Should.ThrowAsync<ValidationFailedException>(() =>
            admin.CreateAsync(new CreateUser("OP@x.test", "Operator Two", "Strong-Password-1", [Role.Operator])));

        error.Errors.Keys.ShouldBe(["Email"]);
        (await admin.ListAsync()).Select(u => u.Email).ShouldBe(["admin@" + tenant.Slug + ".test", "op@x.test"], ignoreOrder: true);
    }

    [Fact]
    public async Task Nobody_grants_a_role_with_privileges_they_do_not_hold()
    {
        var tenant = await host.SignUpAsync();
        using var scope = host.ActingAs(tenant, Privilege.UsersManage, Privilege.InquiriesWork);
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var operatorId = await admin.CreateAsync(new CreateUser("op@x.test", "Operator", "Strong-Password-1", [Role.Operator]));

        var created = await Should.ThrowAsync<ValidationFailedException>(() =>
            admin.CreateAsync(new CreateUser("boss@x.test", "Boss", "Strong-Password-1", [Role.TenantAdmin])));
        created.Errors["Roles"].ShouldBe(["You cannot grant privileges you do not hold yourself."]);
        var invited = await Should.ThrowAsync<ValidationFailedException>(() =>
            admin.CreateAsync(new CreateUser("boss2@x.test", "Boss", null, [Role.ProjectManager])));
        invited.Errors.Keys.ShouldBe(["Roles"]);
        await Should.ThrowAsync<ValidationFailedException>(() =>
            admin.ChangeAsync(new ChangeUser(operatorId, [Role.Operator, Role.TenantAdmin], IsActive: true)));

        var users = await admin.ListAsync();
        users.Select(u => u.Email).ShouldNotContain("boss@x.test");
        users.Single(u => u.UserId == operatorId).Roles.ShouldBe([Role.Operator]);
    }

    [Fact]
    public async Task An_api_key_gets_only_privileges_its_creator_holds_and_role_management_holds_them_all()
    {
        var tenant = await host.SignUpAsync();
        using (var settingsOnly = host.ActingAs(tenant, Privilege.SettingsManage))
        {
            var keys = settingsOnly.ServiceProvider.GetRequiredService<ApiKeyAdmin>();
            var error = await Should.ThrowAsync<ValidationFailedException>(() => keys.CreateAsync("escalate", [Privilege.SettingsManage, Privilege.UsersManage]));
            error.Errors.Keys.ShouldBe(["scopes"]);
            await keys.CreateAsync("settings", [Privilege.SettingsManage]);
            (await keys.ListAsync()).Select(k => k.Name).ShouldBe(["settings"]);
        }
        using var admin = host.ActingAs(tenant, Privilege.SettingsManage, Privilege.RolesManage);
        await admin.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("crm", [Privilege.InquiriesWork, Privilege.UsersManage]);
    }

    [Fact]
    public async Task Without_the_privilege_the_handler_refuses_even_if_a_page_forgot_to()
    {
        var tenant = await host.SignUpAsync();
        using var scope = host.ActingAs(tenant, Privilege.InquiriesWork);
        await Should.ThrowAsync<ForbiddenException>(() => scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync());
        await Should.ThrowAsync<ForbiddenException>(() => scope.ServiceProvider.GetRequiredService<RolePrivilegesAdmin>().ListAsync());
    }

    [Fact]
    public async Task One_tenants_admin_never_lists_another_tenants_users()
    {
        var a = await host.SignUpAsync();
        var b = await host.SignUpAsync();
        using var scope = host.ActingAs(a, Privilege.UsersManage);
        var users = await scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync();
        users.Select(u => u.Email).ShouldBe(["admin@" + a.Slug + ".test"]);
        users.ShouldNotContain(u => u.Email.Contains(b.Slug));
    }

    [Fact]
    public async Task Role_privileges_are_edited_but_the_admin_role_keeps_user_and_role_management()
    {
        var tenant = await host.SignUpAsync();
        using var scope = host.ActingAs(tenant, Privilege.RolesManage);
        var roles = scope.ServiceProvider.GetRequiredService<RolePrivilegesAdmin>();

        await roles.SetAsync(Role.Operator, [Privilege.InquiriesWork, Privilege.ReportsView]);
        (await roles.ListAsync()).Single(r => r.RoleName == Role.Operator).Privileges.ShouldBe([Privilege.InquiriesWork, Privilege.ReportsView]);

        await Should.ThrowAsync<ValidationFailedException>(() => roles.SetAsync(Role.TenantAdmin, [Privilege.UsersManage]));
        await Should.ThrowAsync<ValidationFailedException>(() => roles.SetAsync(Role.Operator, ["made.up"]));
        await Should.ThrowAsync<ValidationFailedException>(() => roles.SetAsync(Role.Operator, [Privilege.PlatformAdmin]));
    }

    [Fact]
    public async Task Only_the_platform_tenant_lists_tenants_and_every_listing_is_audited()
    {
        var customer = await host.SignUpAsync();
        using (var forged = host.ActingAsKind(customer, "customer", Privilege.PlatformAdmin))
            await Should.ThrowAsync<ForbiddenException>(() => forged.ServiceProvider.GetRequiredService<PlatformBilling>().TenantsAsync(null));

        var platform = await host.SignUpAsync();
        using var scope = host.ActingAsKind(platform, "platform", Privilege.PlatformAdmin);
        var tenants = await scope.ServiceProvider.GetRequiredService<PlatformBilling>().TenantsAsync(customer.Slug);
        tenants.Single().Slug.ShouldBe(customer.Slug);
        tenants.Single().Users.ShouldBe(1);

        await using var owner = host.Database.OpenOwner();
        (await Dapper.SqlMapper.ExecuteScalarAsync<long>(owner, "SELECT count(*) FROM platform_audit WHERE action = 'billing.tenants'")).ShouldBe(1);
    }
}
