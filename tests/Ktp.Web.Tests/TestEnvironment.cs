using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Ktp.Web.Tests;

/// <summary>A host environment by name, for checking what a setup does in Production, Staging or Development.</summary>
public sealed class TestEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "ktp";
    public string ContentRootPath { get; set; } = "";
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
