using Joules.Core.Data;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Audiences;

public sealed record BrandChoice(Guid Id, string Code, string Name);

/// <summary>The brands the signed-in user works for: their own, or every brand for administrators (who then pick one on
/// the audience pages; new lists, subscribers and suppressions belong to the picked brand).</summary>
public sealed class AudienceBrands(IDbContextFactory<JoulesDbContext> core, ICurrentUser user)
{
    public async Task<List<BrandChoice>> VisibleAsync(CancellationToken ct = default)
    {
        await using var db = await core.CreateDbContextAsync(ct);
        var own = user.BrandId;
        return await db.Brands.AsNoTracking().Where(b => user.AllBrands || b.Id == own).OrderBy(b => b.Name)
            .Select(b => new BrandChoice(b.Id, b.Code, b.Name)).ToListAsync(ct);
    }
}
