using Joules.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Common;

/// <summary>A brand in a page's brand selector.</summary>
internal sealed record BrandOption(Guid Id, string Name);

/// <summary>The brands a page offers in its brand selector: those the signed-in user sees (administrators: all), by name.</summary>
internal static class BrandOptions
{
    public static async Task<IReadOnlyList<BrandOption>> LoadAsync(JoulesDbContext db, CancellationToken ct = default) =>
        await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new BrandOption(b.Id, b.Name)).ToListAsync(ct);
}
