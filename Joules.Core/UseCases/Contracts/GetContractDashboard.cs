using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using static Joules.Core.Domain.Contracts.ContractStatus;

namespace Joules.Core.UseCases.Contracts;

/// <summary>New contracts in one calendar week (ISO week starting Monday, UTC).</summary>
public sealed record WeekCount(DateOnly WeekStart, int Count)
{
    /// <summary>"KW 07/2026"-style label part: the ISO week number.</summary>
    public int IsoWeek => ISOWeek.GetWeekOfYear(WeekStart.ToDateTime(TimeOnly.MinValue));
}

/// <summary>Figures of the start page.</summary>
public sealed record ContractDashboard(
    IReadOnlyDictionary<ContractStatus, int> ByStatus,
    IReadOnlyList<WeekCount> NewPerWeek,
    IReadOnlyList<(ContractStatus Status, int Count)> OpenTasks)
{
    public int Total => ByStatus.Values.Sum();
}

/// <summary>Counts contracts by status (GROUP BY in SQL) and new contracts per week of the last weeks
/// (one range query on the (BrandId, OrderedAt) index, bucketed in memory because SQLite stores the
/// order time as a number).</summary>
public sealed class GetContractDashboard(JoulesDbContext db)
{
    /// <summary>Statuses that need a person to act: shown as open tasks.</summary>
    public static readonly IReadOnlyList<ContractStatus> TaskStatuses =
        [NeedsClarification, CreditCheckManualReview, QualityReviewPending, QualityReviewFailed, GridRegistrationRejected, PreviousSupplierTerminationRejected];

    public async Task<ContractDashboard> RunAsync(int weeks = 12, DateTimeOffset? now = null, CancellationToken ct = default)
    {
        var byStatus = await db.Contracts.AsNoTracking().GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Status, x => x.Count, ct);

        var today = DateOnly.FromDateTime((now ?? DateTimeOffset.UtcNow).UtcDateTime);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstMonday = thisMonday.AddDays(-7 * (weeks - 1));
        var from = new DateTimeOffset(firstMonday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var orderedAt = await db.Contracts.AsNoTracking().Where(c => c.OrderedAt >= from).Select(c => c.OrderedAt).ToListAsync(ct);
        var counts = new int[weeks];
        foreach (var at in orderedAt)
        {
            var index = (DateOnly.FromDateTime(at.UtcDateTime).DayNumber - firstMonday.DayNumber) / 7;
            if (index is >= 0 && index < weeks) counts[index]++;
        }
        var perWeek = Enumerable.Range(0, weeks).Select(i => new WeekCount(firstMonday.AddDays(7 * i), counts[i])).ToList();
        var tasks = TaskStatuses.Select(s => (s, byStatus.GetValueOrDefault(s))).ToList();
        return new ContractDashboard(byStatus, perWeek, tasks);
    }
}
