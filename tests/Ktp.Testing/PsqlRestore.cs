using System.Diagnostics;
using System.IO.Compression;
using Npgsql;

namespace Ktp.Testing;

/// <summary>Feeds a plain (optionally gzipped) pg_dump into psql, stopping at the first error.</summary>
public static class PsqlRestore
{
    public static async Task RunAsync(string dumpFile, string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", target.Host!, "-p", target.Port.ToString(),
            "-U", target.Username!, "-d", target.Database!])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(target.Password)) start.Environment["PGPASSWORD"] = target.Password;
        using var psql = Process.Start(start) ?? throw new InvalidOperationException("psql did not start");
        var output = psql.StandardOutput.ReadToEndAsync();
        var errors = psql.StandardError.ReadToEndAsync();
        await using (var file = File.OpenRead(dumpFile))
        await using (Stream dump = dumpFile.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file)
        {
            await dump.CopyToAsync(psql.StandardInput.BaseStream);
        }
        psql.StandardInput.Close();
        await psql.WaitForExitAsync();
        await output;
        if (psql.ExitCode != 0) throw new InvalidOperationException($"Restoring {dumpFile} failed: {await errors}");
    }
}
