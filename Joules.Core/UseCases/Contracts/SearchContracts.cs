using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Contracts;

/// <summary>Filter and page of the contract list. Dates are order dates (inclusive, UTC days).
/// <see cref="CountLimit"/>: count matches only up to this number (the total is then shown as "10.000+"); counting
/// hundreds of thousands of matches costs far more than the page itself. Null counts exactly.</summary>
public sealed record ContractSearch(
    string? Text = null,
    IReadOnlyCollection<ContractStatus>? Statuses = null,
    Guid? SalesPartnerId = null,
    Guid? BrandId = null,
    Commodity? Commodity = null,
    DateOnly? OrderedFrom = null,
    DateOnly? OrderedTo = null,
    int Page = 0,
    int PageSize = 25,
    int? CountLimit = null);

/// <summary>One row of the contract list.</summary>
public sealed record ContractListItem(
    Guid Id, string ContractNumber, Guid BrandId, string CustomerName, string? MaLoId, string PostalCode, string City,
    Commodity Commodity, string TariffName, string? PartnerName, ContractStatus Status, DateTimeOffset OrderedAt, int AnnualConsumptionKwh);

/// <summary>A page of results and the total number of matches.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total)
{
    /// <summary>True if counting stopped at the search's count limit: there are at least <see cref="Total"/> matches.</summary>
    public bool TotalIsLowerBound { get; init; }
}

/// <summary>Server-side paged, filtered contract list, newest orders first. Runs on the indexes
/// (BrandId, Status, OrderedAt), (BrandId, SalesPartnerId, Status, OrderedAt) and (BrandId, OrderedAt); text search
/// matches contract number, MaLo-ID, customer number and customer last name or company by prefix (index ranges).
/// On large result sets the exact total dominates the cost; set <see cref="ContractSearch.CountLimit"/> to cap it.</summary>
public sealed class SearchContracts(JoulesDbContext db)
{
    public async Task<PagedResult<ContractListItem>> RunAsync(ContractSearch search, CancellationToken ct = default)
    {
        var contracts = Filter(db.Contracts.AsNoTracking(), search);
        var capped = false;
        int total;
        if (search.CountLimit is { } limit)
        {
            total = await contracts.Select(c => c.Id).Take(limit + 1).CountAsync(ct);
            if (total > limit) (total, capped) = (limit, true);
        }
        else
        {
            total = await contracts.CountAsync(ct);
        }
        var page = await (
            from c in contracts.OrderByDescending(c => c.OrderedAt).ThenByDescending(c => c.Id)
                .Skip(search.Page * search.PageSize).Take(search.PageSize)
            join customer in db.Customers on c.CustomerId equals customer.Id
            join tariff in db.Tariffs on c.TariffId equals tariff.Id
            join partner in db.SalesPartners on c.SalesPartnerId equals partner.Id into partners
            from partner in partners.DefaultIfEmpty()
            orderby c.OrderedAt descending, c.Id descending
            select new ContractListItem(
                c.Id, c.ContractNumber, c.BrandId,
                customer.CompanyName ?? (customer.FirstName == null ? customer.LastName : customer.LastName + ", " + customer.FirstName),
                c.MaLoId, c.DeliveryAddress.PostalCode, c.DeliveryAddress.City, c.Commodity, tariff.Name,
                partner == null ? null : partner.Name, c.Status, c.OrderedAt, c.AnnualConsumptionKwh))
            .ToListAsync(ct);
        return new PagedResult<ContractListItem>(page, total) { TotalIsLowerBound = capped };
    }

    private IQueryable<Contract> Filter(IQueryable<Contract> q, ContractSearch s)
    {
        // The tenant filter reads "AllBrands OR BrandId = @brand"; databases cannot use an index through that OR, so
        // a brand user's brand is repeated as a plain predicate that the (BrandId, Status, OrderedAt) index serves.
        var brandId = s.BrandId ?? (db.User.AllBrands ? null : db.User.BrandId);
        if (brandId is { } brand) q = q.Where(c => c.BrandId == brand);
        if (s.Statuses is { Count: > 0 } statuses) q = q.Where(c => statuses.Contains(c.Status));
        if (s.SalesPartnerId is { } partner) q = q.Where(c => c.SalesPartnerId == partner);
        if (s.Commodity is { } commodity) q = q.Where(c => c.Commodity == commodity);
        if (s.OrderedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(c => c.OrderedAt >= start);
        }
        if (s.OrderedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(c => c.OrderedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(s.Text))
        {
            var text = s.Text.Trim();
            var upper = text.ToUpperInvariant();
            // Prefixes as ranges (x >= "ab" AND x < "ac"): unlike LIKE they run on the indexes on every provider.
            // Numbers are upper case; names match as typed or with a capital first letter.
            var (upperFrom, upperTo) = PrefixRange(upper);
            var (textFrom, textTo) = PrefixRange(text);
            var (nameFrom, nameTo) = PrefixRange(char.ToUpperInvariant(text[0]) + text[1..]);
            var customers = db.Customers.Where(k =>
                    k.CustomerNumber.CompareTo(upperFrom) >= 0 && k.CustomerNumber.CompareTo(upperTo) < 0 ||
                    k.LastName.CompareTo(textFrom) >= 0 && k.LastName.CompareTo(textTo) < 0 ||
                    k.LastName.CompareTo(nameFrom) >= 0 && k.LastName.CompareTo(nameTo) < 0 ||
                    k.CompanyName!.CompareTo(textFrom) >= 0 && k.CompanyName.CompareTo(textTo) < 0 ||
                    k.CompanyName!.CompareTo(nameFrom) >= 0 && k.CompanyName.CompareTo(nameTo) < 0);
            if (brandId is { } customerBrand) customers = customers.Where(k => k.BrandId == customerBrand);
            var customerIds = customers.Select(k => k.Id);
            q = q.Where(c => c.ContractNumber.CompareTo(upperFrom) >= 0 && c.ContractNumber.CompareTo(upperTo) < 0 ||
                c.MaLoId!.CompareTo(textFrom) >= 0 && c.MaLoId.CompareTo(textTo) < 0 ||
                customerIds.Contains(c.CustomerId));
        }
        return q;
    }

    /// <summary>The half-open range of strings that start with <paramref name="prefix"/> (ordinal order).</summary>
    private static (string From, string To) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
}
