using Microsoft.Extensions.Localization;

[assembly: RootNamespace("Ktp.Web")]

namespace Ktp.Web;

/// <summary>
/// Marker for the UI texts shared by every module (SharedResource.*.resx beside this file). English text is
/// the key. A module's own texts live beside its registration class (e.g. Inquiries/InquiriesModule.ru.resx);
/// <see cref="Hosting.ModuleTexts"/> looks in the module files first.
/// </summary>
public sealed class SharedResource;
