using System.Numerics;

namespace Joules.Core.Domain.Common;

/// <summary>IBAN check (ISO 13616): letters, length (DE 22, AT 20), check digits mod 97 = 1.</summary>
public static class IbanCheck
{
    /// <summary>True when <paramref name="iban"/> (upper case, without spaces) is a valid IBAN.</summary>
    public static bool IsValid(string iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]) || !iban.All(char.IsAsciiLetterOrDigit)) return false;
        if (iban[..2] == "DE" && iban.Length != 22 || iban[..2] == "AT" && iban.Length != 20) return false;
        var digits = string.Concat((iban[4..] + iban[..4]).Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString()));
        return BigInteger.Parse(digits) % 97 == 1;
    }
}
