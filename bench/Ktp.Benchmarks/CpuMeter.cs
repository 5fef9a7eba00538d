using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Ktp.Benchmarks;

/// <summary>CPU seconds used so far by this process and by the PostgreSQL backends serving the benchmark database.</summary>
public readonly record struct CpuSample(double AppSeconds, IReadOnlyDictionary<int, double> BackendSeconds)
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>
    /// Reads /proc for the backends connected to the current database, so other databases on a shared
    /// server do not count. Where /proc is not available (another host), the database side reads as zero.
    /// </summary>
    public static async Task<CpuSample> TakeAsync(NpgsqlConnection owner)
    {
        var app = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var pids = await owner.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var backends = new Dictionary<int, double>();
        foreach (var pid in pids)
        {
            try
            {
                var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                backends[pid] = (long.Parse(fields[11]) + long.Parse(fields[12])) / ClockTicksPerSecond; // utime + stime
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return new CpuSample(app, backends);
    }

    /// <summary>App and database CPU seconds spent between <paramref name="before"/> and this sample.</summary>
    public (double App, double Database) Since(CpuSample before) =>
        (AppSeconds - before.AppSeconds,
         BackendSeconds.Sum(b => b.Value - before.BackendSeconds.GetValueOrDefault(b.Key)));
}
