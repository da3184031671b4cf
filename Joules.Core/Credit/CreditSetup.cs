using Joules.Core.Data;
using Joules.Core.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Credit;

/// <summary>What a brand's credit checks read every time — settings, routes and score range rules — loaded untracked
/// for <see cref="Tenancy.BrandConfigurationCache"/>. Shared between checks: read only.</summary>
public sealed record CreditSetup(CreditCheckSettings Settings, IReadOnlyList<BureauRoute> Routes, IReadOnlyList<ScoreRangeRule> Rules)
{
    /// <summary>Key of the setup in the cache.</summary>
    public const string CacheKey = "credit.setup";

    /// <summary>Loads the setup of <paramref name="brandId"/> (defaults when the brand has no settings yet).</summary>
    public static async Task<CreditSetup> LoadAsync(JoulesDbContext db, Guid brandId, CancellationToken ct)
    {
        var settings = await db.CreditCheckSettings.AsNoTracking().IgnoreQueryFilters().SingleOrDefaultAsync(s => s.BrandId == brandId, ct)
            ?? CreditCheckSettings.Create(brandId);
        var routes = await db.BureauRoutes.AsNoTracking().IgnoreQueryFilters().Where(r => r.BrandId == brandId).ToListAsync(ct);
        var rules = await db.ScoreRangeRules.AsNoTracking().IgnoreQueryFilters().Where(r => r.BrandId == brandId).ToListAsync(ct);
        return new CreditSetup(settings, routes, rules);
    }
}
