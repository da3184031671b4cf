using System.Globalization;
using System.Resources;

namespace Joules.Core.Domain.Common;

/// <summary>Localised texts of Core (German neutral resources, English satellite).</summary>
public static class CoreText
{
    private static readonly ResourceManager Resources = new("Joules.Core.Resources.CoreText", typeof(CoreText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the current UI culture, or the key itself if missing.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The formatted text for <paramref name="key"/>.</summary>
    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);
}
