using Ktp.Web.Billing;
using Microsoft.Extensions.Configuration;

namespace Ktp.Web.Tests.Billing;

/// <summary>The fake Stripe credits without payment: it is the default only in Development, elsewhere only when asked for, and Production takes it only when told twice.</summary>
public sealed class StripeModeTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    [Fact]
    public void Fake_is_the_default_only_in_development()
    {
        PaymentsSetup.UsesFakeStripe(Config(), new TestEnvironment("Development")).ShouldBeTrue();
        PaymentsSetup.UsesFakeStripe(Config(), new TestEnvironment("Staging")).ShouldBeFalse("a staging copy cannot top up for free by default");
        PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "fake")), new TestEnvironment("Staging")).ShouldBeTrue();
        PaymentsSetup.UsesFakeStripe(Config(), new TestEnvironment("Production")).ShouldBeFalse();
        PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "live")), new TestEnvironment("Development")).ShouldBeFalse();
    }

    [Fact]
    public void Fake_in_production_is_refused_unless_explicitly_allowed()
    {
        var error = Should.Throw<InvalidOperationException>(() => PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "fake")), new TestEnvironment("Production")));

        error.Message.ShouldContain("Stripe:AllowFakeInProduction=true");
        PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "fake"), ("Stripe:AllowFakeInProduction", "true")), new TestEnvironment("Production")).ShouldBeTrue();
    }

    [Fact]
    public void Unknown_mode_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "Fake ")), new TestEnvironment("Development")))
            .Message.ShouldContain("'fake' or 'live'");
    }
}
