using System.Globalization;
using Ktp.Domain.Access;
using Ktp.Domain.Billing;
using Ktp.Domain.Common;
using Ktp.Infrastructure.Database;
using Ktp.Infrastructure.Billing.Stripe;
using Ktp.Infrastructure.Sessions;

namespace Ktp.Infrastructure.Billing;

public sealed record StartedTopUp(string SessionId, Uri RedirectUrl);

/// <summary>
/// Opens a hosted checkout for an amount in the account's currency. Nothing is credited here: the
/// account is credited only when the provider's signed webhook says the checkout was paid.
/// </summary>
public sealed class StartTopUp(CurrentSession session, AccountStream accounts, IPaymentGateway gateway, BillingOptions options)
{
    public async Task<StartedTopUp> HandleAsync(string amountText, string returnBaseUrl, CancellationToken ct = default)
    {
        session.Demand(Privilege.BillingTopUp);
        Currency currency;
        await using (var read = await session.BeginAsync(ct))
        {
            var (state, _) = await accounts.LoadAsync(read, ct);
            if (!state.IsOpen) throw new ValidationFailedException("Amount", "The workspace has no account yet.");
            currency = state.Currency;
        }
        var amount = ParseAmount(amountText, currency);

        var slug = session.Tenant!.Slug;
        var checkout = await gateway.CreateCheckoutSessionAsync(new CheckoutRequest(
            amount, session.TenantId.ToString(),
            $"{returnBaseUrl}/t/{slug}/billing?checkout={{CHECKOUT_SESSION_ID}}",
            $"{returnBaseUrl}/t/{slug}/billing?checkout=cancelled",
            Guid.NewGuid().ToString("N"), $"KTP top-up: {session.Tenant.Name}"), ct);

        await using var uow = await session.BeginAsync(ct);
        await uow.ExecuteAsync("""
            INSERT INTO checkout_sessions (session_id, provider, amount, currency, created_by) VALUES (@Id, @provider, @amount, @currency, @by)
            """, new { checkout.Id, provider = gateway.Provider, amount = amount.Amount, currency = currency.Code, by = session.UserName ?? "unknown" }, ct: ct);
        await uow.CommitAsync(ct);
        return new StartedTopUp(checkout.Id, checkout.RedirectUrl);
    }

    private Money ParseAmount(string text, Currency currency)
    {
        var normalized = new string((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace(',', '.');
        if (!decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new ValidationFailedException("Amount", "Enter the amount as a number, e.g. 5000 or 5000.50.");
        if (value <= 0) throw new ValidationFailedException("Amount", "The amount must be more than zero.");
        if (value > options.MaxTopUp) throw new ValidationFailedException("Amount", "The amount is above the top-up limit.");
        try
        {
            return Money.Of(value, currency);
        }
        catch (BillingException)
        {
            throw new ValidationFailedException("Amount", "The amount has more decimals than the currency allows.");
        }
    }
}
