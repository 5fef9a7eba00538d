using System.Net.Mail;

namespace Ktp.Domain.Common;

public static class EmailAddresses
{
    /// <summary>A plain address as people type it: no display name, a dot in the domain, at most 256 characters.</summary>
    public static bool IsValid(string email) =>
        email.Length <= 256 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.');
}
