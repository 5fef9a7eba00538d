using Ktp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Ktp.Web.Identity;

/// <summary>
/// Refuses the passwords people use most (common-passwords.txt, compared ignoring case): they satisfy the length and
/// character rules ("Password123") yet are the first ones an attacker tries.
/// </summary>
public sealed class CommonPasswordValidator(IdentityErrorDescriber errors) : IPasswordValidator<KtpUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<KtpUser> manager, KtpUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(((KtpIdentityErrors)errors).CommonPassword())
            : IdentityResult.Success);

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Ktp.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) words.Add(line.Trim().ToLowerInvariant());
        return words;
    }
}
