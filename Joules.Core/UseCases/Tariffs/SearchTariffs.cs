using Joules.Core.Data;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Tariffs;

/// <summary>Filter and page of the tariff list.</summary>
public sealed record TariffSearch(string? Text = null, Commodity? Commodity = null, CustomerType? CustomerType = null, bool? Active = null, int Page = 0, int PageSize = 25);

/// <summary>One row of the tariff list.</summary>
public sealed record TariffListItem(Guid Id, string Code, string Name, Commodity Commodity, CustomerType CustomerType, int MinimumTermMonths, int PriceGuaranteeMonths, bool IsActive, int PriceListCount,
    TariffUsage Usage = TariffUsage.General);

/// <summary>Server-side paged tariff list ordered by code; text matches code (any case) or name (as typed, or with a
/// capital first letter).</summary>
public sealed class SearchTariffs(JoulesDbContext db)
{
    public async Task<PagedResult<TariffListItem>> RunAsync(TariffSearch s, CancellationToken ct = default)
    {
        var q = db.Tariffs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(s.Text))
        {
            var text = s.Text.Trim();
            var upper = text.ToUpperInvariant();
            // Names are stored as written ("Wärmepumpenstrom"): a search typed in lower case matches them too.
            var capitalised = char.ToUpperInvariant(text[0]) + text[1..];
            q = q.Where(t => t.Code.Contains(upper) || t.Name.Contains(text) || t.Name.Contains(capitalised));
        }
        if (s.Commodity is { } commodity) q = q.Where(t => t.Commodity == commodity);
        if (s.CustomerType is { } type) q = q.Where(t => t.CustomerType == type);
        if (s.Active is { } active) q = q.Where(t => t.IsActive == active);
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(t => t.Code).Skip(s.Page * s.PageSize).Take(s.PageSize)
            .Select(t => new TariffListItem(t.Id, t.Code, t.Name, t.Commodity, t.CustomerType, t.MinimumTermMonths, t.PriceGuaranteeMonths, t.IsActive,
                db.PriceLists.Count(p => p.TariffId == t.Id), t.Usage))
            .ToListAsync(ct);
        return new PagedResult<TariffListItem>(items, total);
    }
}
