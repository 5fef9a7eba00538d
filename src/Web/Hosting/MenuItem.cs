namespace Ktp.Web.Hosting;

/// <summary>Where a menu item sits: the daily work, the workspace's administration, or the platform's.</summary>
public enum MenuSection { Work, Administration, Platform }

/// <summary>
/// One item of the side menu, contributed by a module. <paramref name="Path"/> is relative to the tenant
/// (<c>/t/{slug}</c>); the item shows only to users holding <paramref name="Privilege"/>.
/// <paramref name="Icon"/> is a MudBlazor icon (an SVG path, e.g. <c>Icons.Material.Filled.Group</c>).
/// </summary>
public sealed record MenuItem(MenuSection Section, string Text, string Icon, string Path, string? Privilege, bool DevelopmentOnly = false);
