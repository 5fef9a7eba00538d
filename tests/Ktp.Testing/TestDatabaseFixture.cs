using Xunit;
namespace Ktp.Testing;

/// <summary>xunit class fixture owning one fresh database.</summary>
public sealed class TestDatabaseFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public Task InitializeAsync() => Database.InitializeAsync();

    public Task DisposeAsync() => Database.DisposeAsync();
}
