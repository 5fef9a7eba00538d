namespace Ktp.EndToEnd.Tests;

/// <summary>
/// Tests that load the machine on purpose (several nodes, 16 writers, a killed process) run alone, after the
/// others: beside a browser journey on two shared cores they would turn its timeouts into noise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyTests
{
    public const string Name = "Heavy: several processes";
}
