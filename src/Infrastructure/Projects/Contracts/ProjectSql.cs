namespace Ktp.Infrastructure.Projects.Contracts;

/// <summary>What Projects publishes for other modules' SQL (migration 0011): functions, never its tables.</summary>
public static class ProjectSql
{
    /// <summary><c>projects_of_member(user)</c>: the ids of the projects the user is a member of.</summary>
    public const string ProjectsOfMember = "projects_of_member";
}
