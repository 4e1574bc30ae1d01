using MudBlazor;

namespace UsageDashboard.Dashboard.Components.Layout;

/// <summary>The dashboard's MudBlazor theme: calm neutrals, one indigo accent, system fonts (works offline).</summary>
internal static class DashboardTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            Secondary = "#64748b",
            Tertiary = "#14b8a6",
            Info = "#0ea5e9",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            Background = "#f8fafc",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#0f172a",
            DrawerBackground = "#ffffff",
            DrawerText = "#334155",
            DrawerIcon = "#64748b",
            TextPrimary = "#0f172a",
            TextSecondary = "#64748b",
            LinesDefault = "#e2e8f0",
            TableLines = "#e2e8f0",
            Divider = "#e2e8f0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818cf8",
            Secondary = "#94a3b8",
            Tertiary = "#2dd4bf",
            Info = "#38bdf8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            Background = "#0b0f19",
            Surface = "#151b2b",
            AppbarBackground = "#151b2b",
            AppbarText = "#e2e8f0",
            DrawerBackground = "#151b2b",
            DrawerText = "#cbd5e1",
            DrawerIcon = "#94a3b8",
            TextPrimary = "#e2e8f0",
            TextSecondary = "#94a3b8",
            LinesDefault = "#263044",
            TableLines = "#263044",
            Divider = "#263044",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "10px",
            DrawerWidthLeft = "220px",
        },
    };
}
