using Ktp.Infrastructure.Sessions;


namespace Ktp.Infrastructure.Projects;

public static class SessionNames
{
    /// <summary>Who saved a version, as history lists show it.</summary>
    public static string SavedByName(this CurrentSession session) => session.UserName ?? session.UserId?.ToString() ?? "system";
}
