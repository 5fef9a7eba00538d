using System.Security.Claims;
using System.Text;
using Alba;
using Dapper;
using Ktp.FakeStripe;
using Ktp.Infrastructure.Database;
using Ktp.Tenancy.SignUp;
using Ktp.Infrastructure.Sessions;
using Ktp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ktp.Web.Tests.Billing;

/// <summary>Signs up tenants, opens checkouts and delivers webhooks signed like Stripe's, against the running app.</summary>
public sealed class BillingTestKit(KtpHost app)
{
    public const string WebhookSecret = "whsec_ktp_fake";

    public async Task<SignedUp> SignUpAsync()
    {
        var slug = "b-" + Guid.NewGuid().ToString("N")[..10];
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SignUpTenantHandler>()
            .HandleAsync(new SignUpTenant("Billing " + slug, slug, "Owner", $"owner@{slug}.test", KtpHost.Password, "en"));
    }

    /// <summary>A checkout row as StartTopUp writes it, without calling the provider.</summary>
    public async Task<string> OpenCheckoutAsync(SignedUp tenant, decimal amount, string currency = "RUB")
    {
        var sessionId = "cs_test_" + Guid.NewGuid().ToString("N");
        await using var uow = await app.Services.GetRequiredService<Ktp.Infrastructure.Database.KtpDatabase>().BeginTenantAsync(tenant.TenantId);
        await uow.ExecuteAsync("INSERT INTO checkout_sessions (session_id, provider, amount, currency, created_by) VALUES (@sessionId, 'stripe', @amount, @currency, 'test')",
            new { sessionId, amount, currency });
        await uow.CommitAsync();
        return sessionId;
    }

    public static string CompletedEvent(string eventId, string sessionId, Guid tenantId, long amountMinor, string currency = "rub") =>
        StripeEvents.CheckoutCompleted(eventId, sessionId, tenantId, amountMinor, currency);

    /// <summary>Posts <paramref name="body"/> to the webhook signed with <paramref name="secret"/> (or <paramref name="tamperedBody"/> in its place) and asserts the answer's status.</summary>
    public Task<IScenarioResult> DeliverAsync(string body, int status = 200, string secret = WebhookSecret, DateTimeOffset? signedAt = null, string? tamperedBody = null) =>
        app.Host.Scenario(s =>
        {
            s.PostRawJson("/webhooks/stripe", tamperedBody ?? body);
            s.WithRequestHeader("Stripe-Signature", FakeWebhookSignature.Header(secret, signedAt ?? DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body)));
            s.StatusCodeShouldBe(status);
        });

    public async Task<decimal?> BalanceAsync(SignedUp tenant)
    {
        await using var owner = app.Database.OpenOwner();
        return await owner.QuerySingleOrDefaultAsync<decimal?>("SELECT balance FROM account_balances WHERE tenant_id = @TenantId", tenant);
    }

    public async Task<long> TopUpsAsync(SignedUp tenant)
    {
        await using var owner = app.Database.OpenOwner();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM account_ledger WHERE tenant_id = @TenantId AND kind = 'topup'", tenant);
    }

    public IServiceScope ActingAs(SignedUp tenant, params string[] privileges)
    {
        var scope = app.Services.CreateScope();
        var claims = new List<Claim> { new(KtpClaims.DisplayName, "tester") };
        claims.AddRange(privileges.Select(p => new Claim(KtpClaims.Privilege, p)));
        scope.ServiceProvider.GetRequiredService<CurrentSession>().Set(
            new TenantInfo(tenant.TenantId, tenant.Slug, "t", "en", "customer", "active"), new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
        return scope;
    }
}
