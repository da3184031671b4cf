using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Common;

/// <summary>Per-brand running numbers such as "K-1042" or "V-77". The next number is derived from the highest
/// existing one; the unique index on (brand, number) catches the rare concurrent duplicate and the caller retries.</summary>
public static class RunningNumbers
{
    /// <summary>Prefix of customer numbers.</summary>
    public const string CustomerPrefix = "K-";

    /// <summary>Prefix of contract numbers.</summary>
    public const string ContractPrefix = "V-";

    /// <summary>The next free number after the highest of <paramref name="numbersOfBrand"/> that starts with <paramref name="prefix"/>.</summary>
    public static async Task<string> NextAsync(IQueryable<string> numbersOfBrand, string prefix, CancellationToken ct = default)
    {
        // Numbers are not zero-padded: a longer number is a higher one, so "longest, then highest" finds the maximum in SQL.
        var highest = await numbersOfBrand.Where(n => n.StartsWith(prefix))
            .OrderByDescending(n => n.Length).ThenByDescending(n => n)
            .FirstOrDefaultAsync(ct);
        var last = highest is not null && long.TryParse(highest.AsSpan(prefix.Length), out var n) ? n : 0;
        return prefix + (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True if <paramref name="ex"/> is a unique-index violation (SQLite, PostgreSQL, SQL Server).</summary>
    internal static bool IsUniqueViolation(DbUpdateException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        return message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || message.Contains("duplicate", StringComparison.OrdinalIgnoreCase);
    }
}
