using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ktp.Infrastructure.Database;

/// <summary>
/// Connection settings. The owner connection runs migrations; the app and system roles are
/// derived from it (same host and database, other credentials) unless given explicitly.
/// </summary>
public sealed class DatabaseOptions
{
    public const string AppRole = "ktp_app";
    public const string SystemRole = "ktp_system";

    public required string OwnerConnectionString { get; init; }
    public string AppPassword { get; init; } = "ktp_app_dev";
    public string SystemPassword { get; init; } = "ktp_system_dev";
    public string? AppConnectionString { get; init; }
    public string? SystemConnectionString { get; init; }
    public int MaxPoolSize { get; init; } = 100;

    /// <summary>How long a caller waits for a pooled connection before it is told the database is busy.</summary>
    public int PoolWaitSeconds { get; init; } = 5;

    /// <remarks>
    /// A pooled app connection is not reset when it goes back (Npgsql's RESET ALL, DISCARD SEQUENCES…, four statements
    /// at the head of its next use): the app role's work leaves no session state behind, since the tenant is set per
    /// transaction and nothing else is set (ADR 0008). An open transaction is still rolled back.
    /// </remarks>
    public string BuildAppConnectionString() =>
        AppConnectionString ?? WithCredentials(AppRole, AppPassword, "ktp-app", noResetOnClose: true);

    public string BuildSystemConnectionString() =>
        SystemConnectionString ?? WithCredentials(SystemRole, SystemPassword, "ktp-system");

    private string WithCredentials(string user, string password, string applicationName, bool noResetOnClose = false)
    {
        var builder = new NpgsqlConnectionStringBuilder(OwnerConnectionString)
        {
            Username = user,
            Password = password,
            ApplicationName = applicationName,
            MaxPoolSize = MaxPoolSize,
            NoResetOnClose = noResetOnClose,
        };
        builder.Timeout = Math.Min(builder.Timeout, PoolWaitSeconds);
        // Statements run again and again (the same few dozen texts) are prepared per physical connection after a
        // few uses: PostgreSQL then skips parsing and planning them, which is most of its CPU for short commands.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 128;
        // Searches whose plan depends on the values ask for a plan of their own (UnitOfWorkQueries.PlanForTheseValuesAsync).
        return builder.ConnectionString;
    }

    public static DatabaseOptions FromConfiguration(IConfiguration config)
    {
        var owner = config.GetConnectionString("Ktp");
        if (string.IsNullOrWhiteSpace(owner))
            throw new InvalidOperationException(
                "ConnectionStrings:Ktp is not set. Start the app with './ktp run' (embedded PostgreSQL) or set ConnectionStrings__Ktp.");
        var section = config.GetSection("Database");
        return new DatabaseOptions
        {
            OwnerConnectionString = owner,
            AppPassword = section["AppPassword"] ?? "ktp_app_dev",
            SystemPassword = section["SystemPassword"] ?? "ktp_system_dev",
            AppConnectionString = config.GetConnectionString("KtpApp"),
            SystemConnectionString = config.GetConnectionString("KtpSystem"),
            MaxPoolSize = int.TryParse(section["MaxPoolSize"], out var size) ? size : 100,
            PoolWaitSeconds = int.TryParse(section["PoolWaitSeconds"], out var wait) ? wait : 5,
        };
    }
}
