using Ktp.Domain.Billing;

namespace Ktp.Domain.Tests.Billing;

public class MoneyTests
{
    [Theory]
    [InlineData("RUB", 2)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    [InlineData("usd", 2)]
    public void Known_currencies_have_their_iso_minor_units(string code, int minorUnits)
    {
        var currency = Currency.Of(code);

        currency.MinorUnits.ShouldBe(minorUnits);
        currency.Code.ShouldBe(code.ToUpperInvariant());
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("RUR")]
    public void Unknown_currency_is_rejected(string? code)
    {
        var error = Should.Throw<BillingException>(() => Currency.Of(code));

        error.Message.ShouldContain("Unknown currency");
    }

    [Theory]
    [InlineData("10.001", "USD")]
    [InlineData("0.5", "JPY")]
    [InlineData("1.0001", "KWD")]
    public void Amount_with_more_decimals_than_the_currency_allows_is_rejected(string amount, string code)
    {
        var error = Should.Throw<BillingException>(() => Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), code));

        error.Message.ShouldContain("more decimals than");
    }

    [Fact]
    public void Trailing_zeros_beyond_the_minor_units_are_accepted_and_the_scale_is_the_currency_s()
    {
        Money.Of(10.500m, "USD").Amount.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("10.50");
        Money.Of(10.5m, "USD").ToString().ShouldBe("10.50 USD");
        Money.Of(7m, "KWD").ToString().ShouldBe("7.000 KWD");
        Money.Of(1500.0m, "JPY").ToString().ShouldBe("1500 JPY");
    }

    [Fact]
    public void Arithmetic_within_one_currency_is_exact()
    {
        var sum = Money.Of(0.10m, "USD") + Money.Of(0.20m, "USD");

        sum.ShouldBe(Money.Of(0.30m, "USD"));
        (sum - Money.Of(0.30m, "USD")).IsZero.ShouldBeTrue();
        (-sum).Amount.ShouldBe(-0.30m);
        Money.Of(33.33m, "RUB").Times(3).ShouldBe(Money.Of(99.99m, "RUB"));
    }

    [Fact]
    public void Adding_different_currencies_throws_currency_mismatch()
    {
        var error = Should.Throw<CurrencyMismatchException>(() => Money.Of(1m, "USD") + Money.Of(1m, "EUR"));

        error.Message.ShouldBe("Currency mismatch: expected USD, got EUR.");
    }

    [Fact]
    public void Comparing_different_currencies_throws_currency_mismatch()
    {
        Should.Throw<CurrencyMismatchException>(() => Money.Of(1m, "USD") < Money.Of(2m, "RUB"));
    }

    [Fact]
    public void Equal_amounts_in_different_currencies_are_not_equal()
    {
        Money.Of(1m, "USD").Equals(Money.Of(1m, "EUR")).ShouldBeFalse();
        Money.Of(1m, "USD").ShouldBe(Money.Of(1.00m, "USD"));
    }

    [Theory]
    [InlineData("10.50", "USD", 1050)]
    [InlineData("1050", "JPY", 1050)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("0.01", "RUB", 1)]
    public void Minor_units_convert_both_ways(string amount, string code, long minor)
    {
        var money = Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), code);

        money.ToMinorUnits().ShouldBe(minor);
        Money.FromMinorUnits(minor, Currency.Of(code)).ShouldBe(money);
    }

    [Theory]
    [InlineData("0.125", "0.13")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("0.135", "0.14")]
    [InlineData("0.1249", "0.12")]
    public void Rounding_is_half_away_from_zero_to_minor_units(string computed, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;

        Money.Round(decimal.Parse(computed, inv), Currency.USD).ShouldBe(Money.Of(decimal.Parse(expected, inv), "USD"));
    }
}
