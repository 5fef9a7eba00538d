using Dapper;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Events;
using Ktp.Tenancy.SignUp;
using Ktp.Tenancy.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Tenancy.Tests;

public sealed class SignUpTests(TenancyHost host) : IClassFixture<TenancyHost>
{
    [Fact]
    public async Task Sign_up_creates_the_tenant_its_roles_its_admin_and_its_first_event_together()
    {
        var result = await host.SignUpAsync();

        await using var uow = await host.Database.Db.BeginTenantAsync(result.TenantId);
        (await uow.ExecuteScalarAsync<long>("SELECT count(*) FROM role_privileges")).ShouldBe(9);
        (await uow.QueryAsync<string>("SELECT role_name FROM user_roles")).ShouldBe(["tenant_admin"]);
        var store = host.Services.GetRequiredService<EventStore>();
        var events = await store.ReadStreamAsync(uow, result.TenantId);
        events.Single().Data.ShouldBeOfType<TenantSignedUp>().Slug.ShouldBe(result.Slug);
    }

    [Fact]
    public async Task A_taken_address_is_refused_and_nothing_of_the_second_company_is_written()
    {
        var first = await host.SignUpAsync();
        await using var owner = host.Database.OpenOwner();
        var before = await owner.QuerySingleAsync<(long, long, long)>("SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM users), (SELECT count(*) FROM es.mt_events)");

        using var scope = host.Services.CreateScope();
        var error = await Should.ThrowAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
            .HandleAsync(new SignUpTenant("Copycat", first.Slug.ToUpperInvariant(), "Eve", "eve@copycat.test", "Strong-Password-1")));

        error.Errors.Keys.ShouldBe(["Slug"]);
        var after = await owner.QuerySingleAsync<(long, long, long)>("SELECT (SELECT count(*) FROM tenants), (SELECT count(*) FROM users), (SELECT count(*) FROM es.mt_events)");
        after.ShouldBe(before);
    }

    [Theory]
    [InlineData("", "good-slug", "a@b.test", "Strong-Password-1", "CompanyName")]
    [InlineData("Good", "Bad Slug", "a@b.test", "Strong-Password-1", "Slug")]
    [InlineData("Good", "platform", "a@b.test", "Strong-Password-1", "Slug")]
    [InlineData("Good", "good-slug", "no-at-sign", "Strong-Password-1", "AdminEmail")]
    [InlineData("Good", "good-slug", "a@b.test", "short", "Password")]
    public async Task Malformed_sign_up_data_is_refused_field_by_field(string company, string slug, string email, string password, string field)
    {
        using var scope = host.Services.CreateScope();
        var error = await Should.ThrowAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
            .HandleAsync(new SignUpTenant(company, slug, "Name", email, password)));
        error.Errors.Keys.ShouldContain(field);
    }

    [Theory]
    [InlineData("Ромашка Сервис", "romashka-servis")]
    [InlineData("ACME, Inc.", "acme-inc")]
    [InlineData("Я", "ya-team")]
    public void Addresses_are_suggested_from_the_company_name(string company, string expected)
    {
        SlugRules.Suggest(company).ShouldBe(expected);
        SlugRules.IsValid(SlugRules.Suggest(company)).ShouldBeTrue();
    }
}
