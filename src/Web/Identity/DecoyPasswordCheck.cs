using Ktp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Web.Identity;

/// <summary>
/// Spends the time a password check takes on sign-ins refused before one (unknown address, inactive or locked account):
/// otherwise how fast the answer comes tells which addresses have an account.
/// </summary>
public sealed class DecoyPasswordCheck(IPasswordHasher<KtpUser> hasher)
{
    // Hashed once per process with the app's hasher, so verifying it costs what verifying a real hash costs.
    private static string? _decoyHash;

    public void Spend(string password)
    {
        var hash = _decoyHash ??= hasher.HashPassword(new KtpUser(), Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(new KtpUser(), hash, password);
    }
}
