using Joules.Core.Domain.Credit;
using Joules.Core.UseCases.Credit;
using Microsoft.Extensions.Localization;

namespace Joules.Host.Features.Credit;

/// <summary>German/English labels shared by the credit pages: decisions, scale directions.</summary>
public sealed class CreditText(IStringLocalizer<CreditText> l)
{
    public string this[CreditDecision value] => l["Decision." + value];

    /// <summary>"höher = besser" or "niedriger = besser".</summary>
    public string Direction(ScoreScale scale) => scale.HigherIsBetter ? l["HigherIsBetter"] : l["LowerIsBetter"];

    /// <summary>A score on the product's scale with its decimals (German number format).</summary>
    public static string Score(decimal? score, ScoreScale? scale) =>
        score is not { } s ? "–" : s.ToString("N" + (scale?.Decimals ?? 0), System.Globalization.CultureInfo.CurrentCulture);
}
