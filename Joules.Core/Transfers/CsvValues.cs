using System.Globalization;

namespace Joules.Core.Transfers;

/// <summary>Parsing of CSV cell values as German Excel writes them: dates dd.MM.yyyy (or ISO yyyy-MM-dd),
/// numbers with a decimal comma (and dots as thousands separators) or with a decimal point.</summary>
public static class CsvValues
{
    private static readonly string[] DateFormats = ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"];
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>Parses a date; empty is null (<paramref name="ok"/> true), garbage sets <paramref name="ok"/> false.</summary>
    public static DateOnly? Date(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        ok = false;
        return null;
    }

    /// <summary>Parses a number: with a comma it is read the German way ("1.234,5"), otherwise with a decimal point.</summary>
    public static decimal? Number(string? text, out bool ok)
    {
        ok = true;
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        var culture = t.Contains(',') ? German : CultureInfo.InvariantCulture;
        if (decimal.TryParse(t, NumberStyles.Number, culture, out var n)) return n;
        ok = false;
        return null;
    }

    /// <summary>Formats a date for export (dd.MM.yyyy).</summary>
    public static string Format(DateOnly? d) => d?.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Formats a number for export with a decimal comma.</summary>
    public static string Format(decimal? n) => n?.ToString("0.###", German) ?? "";
}
