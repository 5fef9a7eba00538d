namespace Ktp.Benchmarks;

/// <summary>Command line of <c>Ktp.Benchmarks inquiries</c>. Explicit values win over <c>--quick</c>'s small defaults.</summary>
public sealed record InquiryBenchOptions(
    string OwnerConnectionString,
    string Database,
    int Tenants,
    int Inquiries,
    int Writers,
    int Registrations,
    int Queries,
    int Readers,
    int Seed,
    bool Reuse,
    bool Quick,
    string OutputPath)
{
    public const string Usage = """
        Inquiries at volume: seeds tenants with projects and inquiries (event streams + read model), then measures
        contact registration (RegisterContact), the queue page (InquiryQueries.QueueAsync) and a many-field filter
        query through the app's code as the app role (row-level security on).

          inquiries [options]
          --connection <cs>     owner connection string, a superuser (else env ConnectionStrings__Ktp)
          --database <name>     database to recreate (default ktp_bench_inquiries; the name must contain "bench")
          --tenants <n>         tenants to seed (default 1000; --quick 20)
          --inquiries <n>       inquiries to seed (default 1000000; --quick 20000)
          --writers <n>         concurrent registering writers (default 8)
          --registrations <n>   measured registrations per pass (default 3000; --quick 300)
          --queries <n>         measured runs per query phase (default 5000; --quick 500)
          --readers <n>         concurrent readers in the query phases over random tenants (default 4)
          --seed <n>            random seed of the generated data (default 42)
          --reuse               keep the seeded database from an earlier run: measure, apply pending migrations, measure again
          --output <path>       results JSON (default bench/results/inquiries-latest.json)
          --quick               small numbers for a smoke run
        """;

    public static InquiryBenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        var reuse = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--reuse": reuse = true; break;
                case "-h" or "--help": throw new UsageException(null);
                case "--connection" or "--database" or "--tenants" or "--inquiries" or "--writers" or "--registrations" or "--queries"
                    or "--readers" or "--seed" or "--output":
                    if (i + 1 >= args.Length) throw new UsageException($"{args[i]} needs a value.");
                    values[args[i]] = args[++i];
                    break;
                default: throw new UsageException($"Unknown argument '{args[i]}'.");
            }
        }

        var connection = BenchArgs.Connection(values);
        var database = BenchArgs.Database(values, "ktp_bench_inquiries");

        var tenants = (int)BenchArgs.Positive(values, "--tenants", quick ? 20 : 1_000);
        var inquiries = (int)BenchArgs.Positive(values, "--inquiries", quick ? 20_000 : 1_000_000);
        if (inquiries < tenants) throw new UsageException("--inquiries must be at least --tenants (every tenant gets one).");
        return new InquiryBenchOptions(
            connection, database, tenants, inquiries,
            (int)BenchArgs.Positive(values, "--writers", 8),
            (int)BenchArgs.Positive(values, "--registrations", quick ? 300 : 3_000),
            (int)BenchArgs.Positive(values, "--queries", quick ? 500 : 5_000),
            (int)BenchArgs.Positive(values, "--readers", 4),
            values.TryGetValue("--seed", out var seed) && int.TryParse(seed, out var s) ? s : 42,
            reuse, quick,
            values.GetValueOrDefault("--output") ?? BenchArgs.ResultsPath("inquiries-latest.json"));
    }



}
