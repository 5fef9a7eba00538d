using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Ktp.Web.Identity;

/// <summary>
/// The Data Protection key ring (which seals every sign-in cookie and OAuth token) is encrypted at rest with a
/// certificate: <c>DataProtection:Certificate</c> (base64 PKCS#12, from the secret store) with
/// <c>DataProtection:CertificatePassword</c>. Reading the keys table alone then forges nothing. In Development
/// only, a self-signed certificate is made once per machine in the user's profile.
/// </summary>
public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder builder, IConfiguration config, IHostEnvironment environment)
    {
        var certificate = FromConfiguration(config)
            ?? (environment.IsDevelopment() ? DevelopmentCertificate() : throw new InvalidOperationException(
                "DataProtection:Certificate is required outside Development: a base64 PKCS#12 certificate that encrypts the key ring at rest "
                + "(see README, Configuration)."));
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    public static X509Certificate2? FromConfiguration(IConfiguration config) =>
        config["DataProtection:Certificate"] is { Length: > 0 } pfx
            ? X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(pfx), config["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet)
            : null;

    /// <summary>A new self-signed certificate for the key ring, as base64 PKCS#12 (tests, and to make one for an environment).</summary>
    public static string NewCertificate(string? password = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=KTP Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx, password));
    }

    private static X509Certificate2 DevelopmentCertificate()
    {
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ktp");
        var file = Path.Combine(folder, "dataprotection-development.pfx");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(folder);
            var temporary = file + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, NewCertificate());
            try { File.Move(temporary, file, overwrite: false); }
            catch (IOException) { File.Delete(temporary); } // another process made it first: use theirs
        }
        return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(File.ReadAllText(file)), null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
