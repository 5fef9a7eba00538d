using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Ktp.Benchmarks;

/// <summary>
/// pgbench's one-row INSERT run right before and right after a single-event phase, with as many clients as the phase
/// has writers: on a shared machine whose speed drifts from minute to minute, the phase is compared with the server's
/// ceiling at that moment rather than with one measured minutes earlier.
/// </summary>
public sealed class PgbenchBeside(string binary, string database, string script, string ownerConnectionString)
{
    public async Task<double> RunAsync(int clients, TimeSpan duration, CancellationToken ct)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-n", "-f", script, "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", Math.Max(1, (int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), database },
        };
        var server = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        info.Environment["PGHOST"] = server.Host;
        info.Environment["PGPORT"] = server.Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = server.Username;
        if (server.Password is { } password) info.Environment["PGPASSWORD"] = password;

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var tpsLine = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        return process.ExitCode == 0 && tpsLine is not null
            && double.TryParse(tpsLine["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture, out var tps)
            ? tps
            : throw new InvalidOperationException($"pgbench failed (exit {process.ExitCode}): {await errors}");
    }
}
