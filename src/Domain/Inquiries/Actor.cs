using System.Text.Json.Serialization;
using Ktp.Domain.Common;

namespace Ktp.Domain.Inquiries;

/// <summary>
/// Who did something: a user (id and the display name at that moment) or the system (SLA monitor,
/// automatic archiving). Two actors are the same person when their user ids match; names may change.
/// </summary>
public sealed record Actor
{
    public static readonly Actor System = new(null, "system");

    public Actor(Guid? userId, string name)
    {
        if (userId == Guid.Empty) throw new ValidationFailedException("userId", "A user id must not be empty.");
        if (string.IsNullOrWhiteSpace(name)) throw new ValidationFailedException("name", "An actor needs a name.");
        UserId = userId;
        Name = name.Trim();
    }

    /// <summary>Null for the system.</summary>
    public Guid? UserId { get; }

    public string Name { get; }

    [JsonIgnore]
    public bool IsSystem => UserId is null;

    public static Actor User(Guid userId, string name) => new(userId, name);

    public bool IsSamePerson(Actor? other) => other is not null && UserId is not null && other.UserId == UserId;

    public override string ToString() => Name;
}
