using Dapper;
using Ktp.Web.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ktp.Web.Tests.Identity;

/// <summary>The key ring that seals sign-in cookies and tokens is stored encrypted: reading the table forges nothing.</summary>
public sealed class KeyRingTests(KtpHost app) : IClassFixture<KtpHost>
{
    [Fact]
    public async Task Stored_keys_are_encrypted_with_the_certificate_and_sign_in_still_works()
    {
        await app.SignedInAsync("demo", "admin@demo.ktp"); // the cookie needs a key: one now exists

        await using var owner = app.Database.OpenOwner();
        var keys = (await owner.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("<encryptedSecret") && xml.Contains("EncryptedData") && !xml.Contains("<masterKey"));

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        protector.Unprotect(protector.Protect("round trip")).ShouldBe("round trip");
    }

    [Fact]
    public void Outside_development_the_app_refuses_to_start_without_a_certificate()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().Build();
        var error = Should.Throw<InvalidOperationException>(() =>
            services.AddDataProtection().ProtectKeysAtRest(config, new TestEnvironment(Environments.Production)));
        error.Message.ShouldContain("DataProtection:Certificate");
    }
}
