using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>One entry of a route list: ask <paramref name="Bureau"/> for <paramref name="Product"/>.</summary>
public sealed record BureauRouteItem(string Bureau, string Product);

/// <summary>Loads and saves the bureau routes of one country and customer type as an ordered list (the fallback order).</summary>
public sealed class SaveBureauRoutes(JoulesDbContext db)
{
    /// <summary>Countries a route can be set up for.</summary>
    public static IReadOnlyList<string> Countries { get; } = ["DE", "AT"];

    /// <summary>The brand's routes for <paramref name="country"/> and <paramref name="customerType"/> in fallback order.</summary>
    public async Task<IReadOnlyList<BureauRouteItem>> LoadAsync(Guid brandId, string country, CustomerType customerType, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        return await db.BureauRoutes.AsNoTracking()
            .Where(r => r.BrandId == brandId && r.Country == country && r.CustomerType == customerType)
            .OrderBy(r => r.Position).Select(r => new BureauRouteItem(r.Bureau, r.Product)).ToListAsync(ct);
    }

    /// <summary>Replaces the routes of <paramref name="country"/> × <paramref name="customerType"/> with
    /// <paramref name="routes"/> in this order (positions 1..n), in one save. Each route must fit the country and customer
    /// type; the same bureau and product twice is refused. Throws <see cref="DomainException"/> naming the field.</summary>
    public async Task SaveAsync(Guid brandId, string country, CustomerType customerType, IReadOnlyList<BureauRouteItem> routes,
        CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        if (!Countries.Contains(country)) throw new DomainException(CoreText.Format("Credit.RouteCountry", country), "Country");
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < routes.Count; i++)
        {
            var probe = BureauRoute.Create(brandId, country, customerType, i + 1, routes[i].Bureau, routes[i].Product);
            probe.Validate();
            if (!seen.Add((probe.Bureau, probe.Product)))
                throw new DomainException(CoreText.Format("Credit.RouteDuplicate", Bureaus.Find(probe.Bureau)!.Name,
                    Bureaus.Find(probe.Bureau)!.Product(probe.Product)!.Name), nameof(BureauRoute.Product));
        }

        var existing = await db.BureauRoutes
            .Where(r => r.BrandId == brandId && r.Country == country && r.CustomerType == customerType)
            .OrderBy(r => r.Position).ToListAsync(ct);
        // Rows are reused position by position, so the unique (brand, country, type, position) index never sees two rows
        // on the same position within the save.
        for (var i = 0; i < Math.Max(existing.Count, routes.Count); i++)
        {
            if (i >= routes.Count) { db.BureauRoutes.Remove(existing[i]); continue; }
            if (i >= existing.Count)
            {
                db.BureauRoutes.Add(BureauRoute.Create(brandId, country, customerType, i + 1, routes[i].Bureau, routes[i].Product));
                continue;
            }
            var row = existing[i];
            row.Position = i + 1;
            row.Bureau = routes[i].Bureau;
            row.Product = routes[i].Product;
        }
        await db.SaveChangesAsync(ct);
    }
}
