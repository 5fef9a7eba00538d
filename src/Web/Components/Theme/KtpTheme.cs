using MudBlazor;

namespace Ktp.Web.Components.Theme;

/// <summary>The product's palette (the brand blue of the logo), light and dark, with the system font stack.</summary>
public static class KtpTheme
{
    private static readonly string[] Fonts = ["Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Instance = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b4f9c",
            Secondary = "#00796b",
            AppbarBackground = "#1b4f9c",
            Background = "#f4f6fa",
            TextSecondary = "#4a5565",
            Error = "#b3261e",
            Warning = "#8a5300",
            Success = "#1e6b34",
            Info = "#0b5cad",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            Secondary = "#4db6ac",
            AppbarBackground = "#1e2430",
            Background = "#14181f",
            Surface = "#1e2430",
            DrawerBackground = "#1a1f29",
            Error = "#f2b8b5",
            Warning = "#ffcc80",
            Success = "#81c995",
            Info = "#8ab4f8",
            // Light colours on a dark surface need dark text on filled buttons and chips (WCAG AA contrast).
            PrimaryContrastText = "#0b1d3a",
            SecondaryContrastText = "#00201c",
            ErrorContrastText = "#410e0b",
            WarningContrastText = "#2b1700",
            SuccessContrastText = "#0b2913",
            InfoContrastText = "#0b1d3a",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "248px" },
    };
}
