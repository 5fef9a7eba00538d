using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Ktp.Domain.Access;
using Ktp.Infrastructure.Identity;
using Ktp.Infrastructure.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Billing;

public sealed class RatingAndSuspensionTests(KtpHost app) : IClassFixture<KtpHost>
{
    private readonly BillingTestKit _kit = new(app);
    private RateDay Rating => app.Services.GetRequiredService<RateDay>();

    /// <summary>Backdates the account so its trial ended long ago (as the owner, like a time machine for the test); the admin also takes a seat.</summary>
    private async Task EndTrialAsync(Ktp.Tenancy.SignUp.SignedUp tenant, int daysAgo)
    {
        await using var owner = app.Database.OpenOwner();
        await owner.ExecuteAsync("""
            UPDATE es.mt_events SET data = jsonb_set(jsonb_set(data, '{startsOn}', to_jsonb((current_date - @daysAgo)::text)), '{trialEndsOn}', to_jsonb((current_date - @daysAgo)::text))
            WHERE tenant_id = @TenantId::text AND type = 'account.opened';
            INSERT INTO user_roles (tenant_id, user_id, role_name) SELECT tenant_id, user_id, 'operator' FROM users WHERE tenant_id = @TenantId
            ON CONFLICT DO NOTHING;
            """, new { tenant.TenantId, daysAgo });
    }

    private async Task<long> ChargesAsync(Ktp.Tenancy.SignUp.SignedUp tenant)
    {
        await using var owner = app.Database.OpenOwner();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM account_ledger WHERE tenant_id = @TenantId AND kind = 'charge'", tenant);
    }

    [Fact]
    public async Task Rating_a_day_twice_charges_once()
    {
        var tenant = await _kit.SignUpAsync();
        await EndTrialAsync(tenant, 10);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);

        await Rating.RunAsync(tenant.TenantId, day);
        await Rating.RunAsync(tenant.TenantId, day);

        (await ChargesAsync(tenant)).ShouldBe(1);
        (await _kit.BalanceAsync(tenant))!.Value.ShouldBeLessThan(0m);
    }

    [Fact]
    public async Task Rating_the_same_day_on_two_processes_at_once_charges_once()
    {
        var tenant = await _kit.SignUpAsync();
        await EndTrialAsync(tenant, 10);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);

        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try { await Rating.RunAsync(tenant.TenantId, day); }
            catch (Ktp.Infrastructure.Events.ConcurrencyException) { /* the outbox retries this; the retry finds the day charged */ }
        }));
        await Task.WhenAll(runs);
        await Rating.RunAsync(tenant.TenantId, day);

        (await ChargesAsync(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task The_scheduler_runs_one_rating_job_per_tenant_and_day_however_many_nodes_run_it()
    {
        var tenant = await _kit.SignUpAsync();
        await EndTrialAsync(tenant, 10);
        var scheduler = app.Services.GetRequiredService<BillingScheduler>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5);
        await Task.WhenAll(scheduler.ScheduleAsync(day, CancellationToken.None), scheduler.ScheduleAsync(day, CancellationToken.None));
        await scheduler.ScheduleAsync(day, CancellationToken.None);

        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM scheduled_message_keys WHERE tenant_id = @TenantId AND key = @key",
            new { tenant.TenantId, key = "rate:" + day.ToString("yyyy-MM-dd") })).ShouldBe(1);
        await app.RunDueAsync(DateTimeOffset.UtcNow);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM account_ledger WHERE tenant_id = @TenantId AND source_type = 'rating' AND source_id LIKE @day || '/%'",
            new { tenant.TenantId, day = day.ToString("yyyy-MM-dd") })).ShouldBe(1, "the day is charged once, by the one job");
    }

    [Fact]
    public async Task A_debt_past_the_grace_period_suspends_the_api_with_402_until_a_top_up_lands()
    {
        var tenant = await _kit.SignUpAsync();
        string key;
        using (var scope = _kit.ActingAs(tenant, Privilege.SettingsManage, Privilege.UsersManage))
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyAdmin>().CreateAsync("crm", [Privilege.UsersManage])).Key;
        var client = app.Browser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await client.GetAsync($"/t/{tenant.Slug}/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Seats charged from a backdated start: the balance goes negative and stays so past the grace period.
        await EndTrialAsync(tenant, 20);
        for (var d = 20; d >= 1; d--) await Rating.RunAsync(tenant.TenantId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-d),
            at: DateTimeOffset.UtcNow.AddDays(-d + 1));
        (await _kit.BalanceAsync(tenant))!.Value.ShouldBeLessThan(0m);
        await WaitForTenantCacheAsync();

        var refused = await client.GetAsync($"/t/{tenant.Slug}/api/v1/users");
        refused.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("suspended");

        var debt = -(await _kit.BalanceAsync(tenant))!.Value;
        var session = await _kit.OpenCheckoutAsync(tenant, debt + 1000m);
        await _kit.DeliverAsync(BillingTestKit.CompletedEvent("evt_" + Guid.NewGuid().ToString("N"), session, tenant.TenantId,
            (long)((debt + 1000m) * 100)), status: 200);
        (await client.GetAsync($"/t/{tenant.Slug}/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The suspension itself was written by RateDay outside any request; the directory caches tenants for 10 s.</summary>
    private static Task WaitForTenantCacheAsync() => Task.Delay(TimeSpan.FromSeconds(10.5));

    [Fact]
    public async Task Only_platform_admins_reach_the_console()
    {
        var tenantAdmin = await app.SignedInAsync("demo", "admin@demo.ktp");
        (await tenantAdmin.GetAsync("/t/demo/platform/tenants")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tenantAdmin.GetAsync("/t/demo/platform/revenue")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var platform = await app.SignedInAsync("platform", "admin@platform.ktp");
        (await platform.GetAsync("/t/platform/platform/tenants")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await platform.GetAsync("/t/platform/platform/revenue")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    [InlineData("10.005")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task Bad_top_up_amounts_are_refused_before_any_checkout_opens(string amount)
    {
        var tenant = await _kit.SignUpAsync();
        using var scope = _kit.ActingAs(tenant, Privilege.BillingTopUp);
        await Should.ThrowAsync<Ktp.Domain.Common.ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<StartTopUp>().HandleAsync(amount, "http://localhost"));
        await using var owner = app.Database.OpenOwner();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkout_sessions WHERE tenant_id = @TenantId", tenant)).ShouldBe(0);
    }
}
