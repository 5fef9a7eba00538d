using System.Security.Cryptography;
using System.Text;

namespace Ktp.Infrastructure.Identity;

/// <summary>Key format <c>ktp_{prefix}_{secret}</c>: the prefix finds the key, only a hash of the secret is stored.</summary>
public static class ApiKeySecret
{
    public static (string Key, string Prefix, string Hash) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"ktp_{prefix}_{secret}", prefix, Hash(secret));
    }

    public static bool TryParse(string key, out string prefix, out string secret)
    {
        prefix = secret = "";
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "ktp" || parts[1].Length != 12 || parts[2].Length < 20 || parts[2].Length > 100) return false;
        (prefix, secret) = (parts[1], parts[2]);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
