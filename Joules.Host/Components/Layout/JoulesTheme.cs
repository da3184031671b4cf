using MudBlazor;

namespace Joules.Host.Components.Layout;

internal static class JoulesTheme
{
    // System fonts only: the app must render offline.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1E6B52", Secondary = "#F2A900", AppbarBackground = "#1E6B52" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
