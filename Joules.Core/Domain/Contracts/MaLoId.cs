namespace Joules.Core.Domain.Contracts;

/// <summary>Marktlokations-ID: 11 digits, the last one a BDEW check digit (not Luhn: the sum of the even
/// positions is doubled as a whole, digits are not reduced).</summary>
public static class MaLoId
{
    /// <summary>True if <paramref name="id"/> is 11 digits, does not start with 0 and has the right check digit.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 11 } && id[0] != '0' && id.All(char.IsAsciiDigit) && CheckDigit(id.AsSpan(0, 10)) == id[10] - '0';

    /// <summary>The BDEW check digit of the first ten digits.</summary>
    public static int CheckDigit(ReadOnlySpan<char> firstTen)
    {
        if (firstTen.Length != 10) throw new ArgumentException("Ten digits expected.", nameof(firstTen));
        int odd = 0, even = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = firstTen[i] - '0';
            if (digit is < 0 or > 9) throw new ArgumentException("Digits expected.", nameof(firstTen));
            if (i % 2 == 0) odd += digit; else even += digit;
        }
        return (10 - (odd + 2 * even) % 10) % 10;
    }

    /// <summary>Appends the check digit to ten digits.</summary>
    public static string Complete(string firstTen) => firstTen + CheckDigit(firstTen);
}
