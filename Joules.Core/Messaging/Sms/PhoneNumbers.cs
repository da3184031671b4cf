using System.Diagnostics.CodeAnalysis;
using Joules.Core.Domain.Common;

namespace Joules.Core.Messaging.Sms;

/// <summary>Phone numbers in E.164 form (<c>+4917112345678</c>), as SMS gateways expect them. Accepts what people type:
/// spaces, dashes, slashes, dots and brackets, an international prefix <c>+</c> or <c>00</c>, the German habit
/// <c>+49 (0)171 …</c>, and national numbers with a leading 0 (read in the brand's country).</summary>
public static class PhoneNumbers
{
    private static readonly Dictionary<string, string> CountryCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DE"] = "49", ["AT"] = "43", ["CH"] = "41",
    };

    /// <summary>The E.164 form of <paramref name="input"/>, or false with a German reason in <paramref name="error"/>.</summary>
    /// <param name="input">The number as typed.</param>
    /// <param name="defaultCountry">ISO country for national numbers ("DE", "AT", "CH").</param>
    /// <param name="e164">The normalised number.</param>
    /// <param name="error">Why the number was refused.</param>
    public static bool TryNormalize(string? input, string defaultCountry, [NotNullWhen(true)] out string? e164, [NotNullWhen(false)] out string? error)
    {
        e164 = null;
        var raw = (input ?? "").Trim();
        if (raw.Length == 0) { error = CoreText.Get("Phone.Empty"); return false; }
        // "+49 (0)171 …": the bracketed trunk 0 after a country code is dropped; in a national number "(0)171" it is the 0.
        var international0 = raw.StartsWith('+') || raw.StartsWith("00", StringComparison.Ordinal);
        var compact = international0 ? raw.Replace("(0)", "", StringComparison.Ordinal) : raw;
        var digits = new System.Text.StringBuilder(compact.Length);
        for (var i = 0; i < compact.Length; i++)
        {
            var c = compact[i];
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (c == '+' && digits.Length == 0 && i == compact.IndexOf('+')) digits.Append(c);
            else if (c is ' ' or '-' or '/' or '.' or '(' or ')' or '\u00A0') continue;
            else { error = CoreText.Format("Phone.InvalidCharacter", raw, c); return false; }
        }
        var s = digits.ToString();
        string international;
        if (s.StartsWith('+')) international = s[1..];
        else if (s.StartsWith("00", StringComparison.Ordinal)) international = s[2..];
        else if (s.StartsWith('0'))
        {
            if (!CountryCodes.TryGetValue(defaultCountry, out var cc)) { error = CoreText.Format("Phone.NoCountry", raw); return false; }
            international = cc + s[1..];
        }
        else { error = CoreText.Format("Phone.NoPrefix", raw); return false; }

        if (international.Length == 0 || international[0] == '0') { error = CoreText.Format("Phone.InvalidCountryCode", raw); return false; }
        // "+49 0171 …": numbers of the known countries never start with the trunk 0 after the country code.
        foreach (var code in CountryCodes.Values)
            if (international.Length > code.Length && international.StartsWith(code, StringComparison.Ordinal) && international[code.Length] == '0')
            {
                international = code + international[(code.Length + 1)..];
                break;
            }
        if (international.Length is < 8 or > 15) { error = CoreText.Format("Phone.Length", raw); return false; }
        e164 = "+" + international;
        error = null;
        return true;
    }

    /// <summary>The E.164 form of <paramref name="input"/>.</summary>
    /// <exception cref="DomainException">The number cannot be read (message says why).</exception>
    public static string Normalize(string? input, string defaultCountry = "DE") =>
        TryNormalize(input, defaultCountry, out var e164, out var error) ? e164 : throw new DomainException(error, "Phone");

    /// <summary>True if <paramref name="value"/> already is in E.164 form.</summary>
    public static bool IsE164(string? value) =>
        value is { Length: >= 9 and <= 16 } && value[0] == '+' && value[1] != '0' && value.Skip(1).All(char.IsAsciiDigit);
}
