using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.UseCases.Credit;

/// <summary>A score range rule as edited (saved or not yet): <see cref="Id"/> is null for a new rule.</summary>
public sealed record ScoreRuleDraft(Guid? Id, string Bureau, string Product, decimal? Min, decimal? Max, bool MatchesNegativeFeatures,
    CreditDecision Decision, Commodity? Commodity = null, CustomerType? CustomerType = null, SalesChannel? Channel = null)
{
    /// <summary>The draft as an (unsaved) rule of <paramref name="brandId"/>, for validation and the preview.</summary>
    public ScoreRangeRule ToRule(Guid brandId)
    {
        var rule = MatchesNegativeFeatures
            ? ScoreRangeRule.NegativeFeatures(brandId, Bureau, Product, Decision)
            : ScoreRangeRule.Range(brandId, Bureau, Product, Min ?? 0, Max ?? 0, Decision);
        rule.Min = MatchesNegativeFeatures ? null : Min;
        rule.Max = MatchesNegativeFeatures ? null : Max;
        rule.Commodity = Commodity;
        rule.CustomerType = CustomerType;
        rule.Channel = Channel;
        return rule;
    }

    /// <summary>The draft of a stored rule.</summary>
    public static ScoreRuleDraft From(ScoreRangeRule r) =>
        new(r.Id, r.Bureau, r.Product, r.Min, r.Max, r.MatchesNegativeFeatures, r.Decision, r.Commodity, r.CustomerType, r.Channel);
}

/// <summary>Lists, saves and deletes a brand's score range rules (only that brand's).</summary>
public sealed class SaveScoreRangeRules(JoulesDbContext db)
{
    /// <summary>The brand's rules ordered by bureau, product, negative-feature rules first, then by range.</summary>
    public async Task<IReadOnlyList<ScoreRuleDraft>> ListAsync(Guid brandId, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        var rules = await db.ScoreRangeRules.AsNoTracking().Where(r => r.BrandId == brandId).ToListAsync(ct);
        return rules.OrderBy(r => r.Bureau).ThenBy(r => r.Product).ThenByDescending(r => r.MatchesNegativeFeatures)
            .ThenBy(r => r.Min).ThenBy(r => r.Max).Select(ScoreRuleDraft.From).ToList();
    }

    /// <summary>Checks a draft without saving; throws <see cref="DomainException"/> naming the field.</summary>
    public static void Validate(ScoreRuleDraft draft) => draft.ToRule(Guid.NewGuid()).Validate();

    /// <summary>Validates and stores the rule (new when <see cref="ScoreRuleDraft.Id"/> is null); returns its id.</summary>
    public async Task<Guid> SaveAsync(Guid brandId, ScoreRuleDraft draft, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        var candidate = draft.ToRule(brandId);
        candidate.Validate();
        ScoreRangeRule rule;
        if (draft.Id is { } id)
        {
            rule = await db.ScoreRangeRules.FirstOrDefaultAsync(r => r.Id == id && r.BrandId == brandId, ct)
                ?? throw new DomainException(CoreText.Get("Credit.RuleNotFound"));
        }
        else
        {
            rule = candidate;
            db.ScoreRangeRules.Add(rule);
        }
        rule.Bureau = candidate.Bureau;
        rule.Product = candidate.Product;
        rule.MatchesNegativeFeatures = candidate.MatchesNegativeFeatures;
        rule.Min = candidate.Min;
        rule.Max = candidate.Max;
        rule.Decision = candidate.Decision;
        rule.Commodity = candidate.Commodity;
        rule.CustomerType = candidate.CustomerType;
        rule.Channel = candidate.Channel;
        await db.SaveChangesAsync(ct);
        return rule.Id;
    }

    /// <summary>Deletes one of the brand's rules.</summary>
    public async Task DeleteAsync(Guid brandId, Guid ruleId, CancellationToken ct = default)
    {
        CreditBrandAccess.Require(db, brandId);
        var rule = await db.ScoreRangeRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.BrandId == brandId, ct)
            ?? throw new DomainException(CoreText.Get("Credit.RuleNotFound"));
        db.ScoreRangeRules.Remove(rule);
        await db.SaveChangesAsync(ct);
    }
}
