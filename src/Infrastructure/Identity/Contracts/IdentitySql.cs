namespace Ktp.Infrastructure.Identity.Contracts;

/// <summary>What Identity publishes for other modules' SQL (migration 0011): functions, never its tables.</summary>
public static class IdentitySql
{
    /// <summary><c>user_display_name(user)</c>: the user's display name, inactive users included.</summary>
    public const string DisplayName = "user_display_name";

    /// <summary><c>active_users_in_role(role)</c>: how many active users hold the role (migration 0012).</summary>
    public const string ActiveUsersInRole = "active_users_in_role";
}
