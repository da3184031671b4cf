namespace Joules.Core.Messaging.Sms;

/// <summary>How an SMS text is encoded and how many parts it is sent in.</summary>
/// <param name="Encoding">"GSM-7" or "UCS-2".</param>
/// <param name="Units">Septets (GSM-7, characters of the extension table count twice) or UTF-16 code units (UCS-2).</param>
/// <param name="Segments">Parts the gateway bills: one up to 160 septets / 70 units, else 153 / 67 per part.</param>
/// <param name="RemainingInSegment">Units still free in the last part.</param>
public sealed record SmsMeasure(string Encoding, int Units, int Segments, int RemainingInSegment);

/// <summary>Measures SMS texts like a handset does (3GPP TS 23.038): GSM 7-bit default alphabet with its extension
/// table when every character fits, else UCS-2. Concatenated parts lose room to the user data header and never split
/// an escape sequence or a surrogate pair.</summary>
public static class SmsText
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";
    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    /// <summary>Encoding, length and parts of <paramref name="text"/>.</summary>
    public static SmsMeasure Measure(string? text)
    {
        text ??= "";
        var gsm = text.All(c => BasicSet.Contains(c) || ExtensionSet.Contains(c));
        // Each entry is one indivisible unit group: an extension character (2 septets) or a surrogate pair (2 units).
        var groups = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (gsm) groups.Add(ExtensionSet.Contains(text[i]) ? 2 : 1);
            else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { groups.Add(2); i++; }
            else groups.Add(1);
        }
        var units = groups.Sum();
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        if (units <= single) return new SmsMeasure(gsm ? "GSM-7" : "UCS-2", units, units == 0 ? 0 : 1, single - units);
        var segments = 1;
        var used = 0;
        foreach (var g in groups)
        {
            if (used + g > multi) { segments++; used = 0; }
            used += g;
        }
        return new SmsMeasure(gsm ? "GSM-7" : "UCS-2", units, segments, multi - used);
    }
}
