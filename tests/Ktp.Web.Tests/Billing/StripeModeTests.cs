using Ktp.Web.Billing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Ktp.Web.Tests.Billing;

/// <summary>The fake Stripe credits without payment: it is the default only in Development, elsewhere only when asked for, and Production takes it only when told twice.</summary>
public sealed class StripeModeTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "ktp";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    [Fact]
    public void Fake_is_the_default_only_in_development()
    {
        PaymentsSetup.UsesFakeStripe(Config(), new Environment("Development")).ShouldBeTrue();
        PaymentsSetup.UsesFakeStripe(Config(), new Environment("Staging")).ShouldBeFalse("a staging copy cannot top up for free by default");
        PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "fake")), new Environment("Staging")).ShouldBeTrue();
        PaymentsSetup.UsesFakeStripe(Config(), new Environment("Production")).ShouldBeFalse();
        PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "live")), new Environment("Development")).ShouldBeFalse();
    }

    [Fact]
    public void Fake_in_production_is_refused_unless_explicitly_allowed()
    {
        var error = Should.Throw<InvalidOperationException>(() => PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "fake")), new Environment("Production")));

        error.Message.ShouldContain("Stripe:AllowFakeInProduction=true");
        PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "fake"), ("Stripe:AllowFakeInProduction", "true")), new Environment("Production")).ShouldBeTrue();
    }

    [Fact]
    public void Unknown_mode_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => PaymentsSetup.UsesFakeStripe(Config(("Stripe:Mode", "Fake ")), new Environment("Development")))
            .Message.ShouldContain("'fake' or 'live'");
    }
}
