using System.Globalization;

namespace Joules.Core.Plugins;

/// <summary>A short UI text in German (the default) and English, for texts a plugin declares in code
/// (navigation entries, job names). Texts inside a plugin's components use resource files as usual.</summary>
/// <param name="German">The German text.</param>
/// <param name="English">The English text.</param>
public sealed record LocalizedText(string German, string English)
{
    /// <summary>The text for <see cref="CultureInfo.CurrentUICulture"/>: English for "en", German otherwise.</summary>
    public string Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && English.Length > 0 ? English : German;

    /// <inheritdoc />
    public override string ToString() => Current;
}
