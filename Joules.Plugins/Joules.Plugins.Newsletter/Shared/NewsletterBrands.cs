using Joules.Core.Data;
using Joules.Core.Tenancy;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Shared;

/// <summary>A brand the user may work with.</summary>
public sealed record BrandChoice(Guid Id, string Code, string Name);

/// <summary>The brands the signed-in user works for on the newsletter pages: their own, or every brand for users who
/// see all brands (who then pick one; what they create belongs to the picked brand). One rule for every page.</summary>
public sealed class NewsletterBrands(IDbContextFactory<JoulesDbContext> core, IDbContextFactory<NewsletterDb> newsletter, ICurrentUser user)
{
    /// <summary>The brands the user may work with, in name order.</summary>
    public async Task<List<BrandChoice>> VisibleAsync(CancellationToken ct = default)
    {
        await using var db = await core.CreateDbContextAsync(ct);
        var own = user.BrandId;
        var all = user.AllBrands;
        var brands = await db.Brands.AsNoTracking().Where(b => all || b.Id == own).Select(b => new BrandChoice(b.Id, b.Code, b.Name)).ToListAsync(ct);
        return brands.OrderBy(b => b.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>The brand to start with: the user's own, else the first that already has newsletter lists, else the first.</summary>
    public async Task<Guid?> DefaultAsync(IReadOnlyList<BrandChoice> brands, CancellationToken ct = default)
    {
        if (brands.Count == 0) return null;
        if (user.BrandId is { } own && brands.Any(b => b.Id == own)) return own;
        if (brands.Count == 1) return brands[0].Id;
        await using var db = await newsletter.CreateDbContextAsync(ct);
        var ids = brands.Select(b => b.Id).ToList();
        var withLists = await db.Lists.AsNoTracking().Where(l => ids.Contains(l.BrandId)).Select(l => l.BrandId).Distinct().ToListAsync(ct);
        return brands.FirstOrDefault(b => withLists.Contains(b.Id))?.Id ?? brands[0].Id;
    }
}
