using Microsoft.Extensions.Localization;

[assembly: RootNamespace("Ktp.Web")]

namespace Ktp.Web;

/// <summary>Marker for the UI text resources (Resources/SharedResource.*.resx). English text is the key.</summary>
public sealed class SharedResource;
