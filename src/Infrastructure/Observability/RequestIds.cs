using Microsoft.Extensions.Primitives;

namespace Ktp.Infrastructure.Observability;

public static class RequestIds
{
    public const int MaxLength = 64;

    /// <summary>Returns the incoming id when it is one value of 1..64 characters from [A-Za-z0-9-_.].</summary>
    public static string? Accept(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { Length: > 0 and <= MaxLength } value)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return null;
            }
        }

        return value;
    }

    public static string New() => Guid.NewGuid().ToString("N");
}
