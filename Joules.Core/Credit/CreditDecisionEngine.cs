using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;

namespace Joules.Core.Credit;

/// <summary>The decision for one bureau answer, the rule that led to it (null when none did) and the reason shown in
/// the contract's history and the review queue.</summary>
public sealed record CreditDecisionOutcome(CreditDecision Decision, ScoreRangeRule? Rule, string Reason);

/// <summary>Decides a bureau answer with a brand's score range rules. It never accepts or rejects silently: an answer
/// without score, a score outside the product's scale, negative features without a rule, a score no rule covers and
/// rules of equal rank that disagree all go to manual review, with the reason.</summary>
public static class CreditDecisionEngine
{
    /// <summary>Decides <paramref name="result"/> with <paramref name="rules"/> (the brand's rules; others are ignored
    /// by bureau and product) for a check of kind <paramref name="context"/>. Among the rules that apply, those naming
    /// more of commodity, customer type and channel win over general ones.</summary>
    /// <remarks>A check of depth <see cref="CreditCheckDepth.NegativeFeaturesOnly"/> (a contract below the brand's
    /// full-check thresholds, CRD-4) asks for no score: an answer without hard negative features accepts it.</remarks>
    public static CreditDecisionOutcome Decide(BureauResult result, IEnumerable<ScoreRangeRule> rules, CreditCheckContext context,
        CreditCheckDepth depth = CreditCheckDepth.Full)
    {
        var applicable = rules.Where(r => r.Bureau == result.Bureau && r.Product == result.Product && r.AppliesTo(context)).ToList();
        if (result.HasNegativeFeatures)
        {
            var codes = string.Join(", ", result.NegativeFeatureCodes);
            return Pick(applicable.Where(r => r.MatchesNegativeFeatures), CoreText.Format("Credit.Reason.NegativeFeatures", codes))
                ?? new(CreditDecision.ManualReview, null, CoreText.Format("Credit.Reason.NegativeFeaturesNoRule", codes));
        }
        if (depth == CreditCheckDepth.NegativeFeaturesOnly && result.RawScore is null)
            return new(CreditDecision.AutoAccept, null, CoreText.Get("Credit.Reason.NoNegativeFeatures"));
        if (result.RawScore is not { } score)
            return new(CreditDecision.ManualReview, null, CoreText.Get("Credit.Reason.NoScore"));
        var product = Bureaus.Find(result.Bureau)?.Product(result.Product);
        if (product is not null && !product.Scale.Contains(score))
            return new(CreditDecision.ManualReview, null, CoreText.Format("Credit.Reason.OutsideScale", score, product.Scale.Min, product.Scale.Max));
        return Pick(applicable.Where(r => !r.MatchesNegativeFeatures && r.Min <= score && score <= r.Max),
                   CoreText.Format("Credit.Reason.Score", score))
            ?? new(CreditDecision.ManualReview, null, CoreText.Format("Credit.Reason.NoRule", score));
    }

    private static CreditDecisionOutcome? Pick(IEnumerable<ScoreRangeRule> matching, string reason)
    {
        var best = matching.GroupBy(r => r.Specificity).OrderByDescending(g => g.Key).FirstOrDefault()?.ToList();
        if (best is null || best.Count == 0) return null;
        if (best.Select(r => r.Decision).Distinct().Count() > 1)
            return new(CreditDecision.ManualReview, null, CoreText.Format("Credit.Reason.Conflict", reason));
        return new(best[0].Decision, best[0], reason);
    }
}
