using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Tariffs;

/// <summary>One row of the delivery area list.</summary>
public sealed record DeliveryAreaItem(Guid Id, string Name, IReadOnlyList<string> PostalCodes);

/// <summary>Lists, creates and edits delivery areas. Postal codes come as free text separated by commas, spaces or lines.</summary>
public sealed class SaveDeliveryArea(JoulesDbContext db)
{
    /// <summary>Splits free text into postal codes.</summary>
    public static IReadOnlyList<string> ParseCodes(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public async Task<IReadOnlyList<DeliveryAreaItem>> ListAsync(string? text = null, CancellationToken ct = default)
    {
        var q = db.DeliveryAreas.AsNoTracking().Include(a => a.PostalCodes).AsQueryable();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            q = q.Where(a => a.Name.Contains(t) || a.PostalCodes.Any(p => p.PostalCode.StartsWith(t)));
        }
        var areas = await q.OrderBy(a => a.Name).ToListAsync(ct);
        return areas.Select(a => new DeliveryAreaItem(a.Id, a.Name, a.PostalCodes.Select(p => p.PostalCode).Order().ToList())).ToList();
    }

    public async Task<Guid> SaveAsync(Guid? id, string name, string? postalCodes, Guid? brandId = null, CancellationToken ct = default)
    {
        var codes = ParseCodes(postalCodes);
        DeliveryArea area;
        if (id is { } existing)
        {
            area = await db.DeliveryAreas.Include(a => a.PostalCodes).SingleAsync(a => a.Id == existing, ct);
            area.Rename(name);
            area.ReplacePostalCodes(codes);
        }
        else
        {
            var brand = brandId ?? db.User.BrandId ?? throw new DomainException(CoreText.Get("Tenant.BrandRequired"));
            area = new DeliveryArea(brand, name, codes);
            db.DeliveryAreas.Add(area);
        }
        await db.SaveChangesAsync(ct);
        return area.Id;
    }
}
