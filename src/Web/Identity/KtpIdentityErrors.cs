using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Identity;

/// <summary>ASP.NET Identity's messages (password rules, tokens) in the reader's language; the English text is the key (IdentityModule.ru.resx).</summary>
public sealed class KtpIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string text, params object[] args) =>
        new() { Code = code, Description = args.Length == 0 ? l[text] : l[text, args] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Something went wrong. Try again.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Someone changed this user at the same time. Open the page again and repeat.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Wrong password.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "The link is invalid or has expired. Ask for a new one.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "The e-mail address {0} is invalid.", email ?? "");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "A user with this email already exists.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "The e-mail address {0} is invalid.", userName ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "A user with this email already exists.");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "The user already has a password.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "The password must be at least {0} characters long.", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "The password must contain a character other than a letter or a digit.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password must contain a digit (0–9).");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password must contain a lowercase letter.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password must contain an uppercase letter.");
    public IdentityError CommonPassword() => Error(nameof(CommonPassword), "This password is one of the most used ones and is guessed first. Choose another.");
}
