using Joules.Core.Domain.Credit;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Joules.Host.Features.Credit;

/// <summary>A brand in the brand selector of the credit pages.</summary>
internal sealed record CreditBrandOption(Guid Id, string Name);

/// <summary>German/English labels shared by the credit pages: decisions, scale directions.</summary>
public sealed class CreditText(IStringLocalizer<CreditText> l)
{
    public string this[CreditDecision value] => l["Decision." + value];

    /// <summary>"höher = besser" or "niedriger = besser".</summary>
    public string Direction(ScoreScale scale) => scale.HigherIsBetter ? l["HigherIsBetter"] : l["LowerIsBetter"];

    /// <summary>A score on the product's scale with its decimals (German number format).</summary>
    public static string Score(decimal? score, ScoreScale? scale) =>
        score is not { } s ? "–" : s.ToString("N" + (scale?.Decimals ?? 0), System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>The brands the signed-in user may edit (administrators: all), by name.</summary>
    internal static async Task<IReadOnlyList<CreditBrandOption>> BrandsAsync(Core.Data.JoulesDbContext db, CancellationToken ct = default) =>
        await db.Brands.AsNoTracking().OrderBy(b => b.Name).Select(b => new CreditBrandOption(b.Id, b.Name)).ToListAsync(ct);
}
