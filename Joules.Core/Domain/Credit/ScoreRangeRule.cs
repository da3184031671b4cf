using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;

namespace Joules.Core.Domain.Credit;

/// <summary>"A score of bureau product X between <see cref="Min"/> and <see cref="Max"/> (inclusive, on the bureau's
/// own scale) leads to <see cref="Decision"/>" for a brand, optionally only for one commodity, customer type or sales
/// channel (null = any). A rule with <see cref="MatchesNegativeFeatures"/> applies to every answer with hard negative
/// features, whatever its score. The most specific rules win (see <c>CreditDecisionEngine</c>).</summary>
public sealed class ScoreRangeRule : IBrandConfiguration
{
    private ScoreRangeRule() { }

    public static ScoreRangeRule Range(Guid brandId, string bureau, string product, decimal min, decimal max, CreditDecision decision) =>
        new() { Id = Guid.NewGuid(), BrandId = brandId, Bureau = bureau, Product = product, Min = min, Max = max, Decision = decision };

    public static ScoreRangeRule NegativeFeatures(Guid brandId, string bureau, string product, CreditDecision decision) =>
        new() { Id = Guid.NewGuid(), BrandId = brandId, Bureau = bureau, Product = product, MatchesNegativeFeatures = true, Decision = decision };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public string Bureau { get; set; } = "";
    public string Product { get; set; } = "";
    public Commodity? Commodity { get; set; }
    public CustomerType? CustomerType { get; set; }
    public SalesChannel? Channel { get; set; }

    /// <summary>Lower end of the range (inclusive); null with <see cref="MatchesNegativeFeatures"/>.</summary>
    public decimal? Min { get; set; }

    /// <summary>Upper end of the range (inclusive); null with <see cref="MatchesNegativeFeatures"/>.</summary>
    public decimal? Max { get; set; }

    /// <summary>True: the rule applies to answers with hard negative features instead of a score range.</summary>
    public bool MatchesNegativeFeatures { get; set; }
    public CreditDecision Decision { get; set; }

    /// <summary>How many of commodity, customer type and channel the rule names (more = more specific).</summary>
    public int Specificity => (Commodity is null ? 0 : 1) + (CustomerType is null ? 0 : 1) + (Channel is null ? 0 : 1);

    /// <summary>True if the rule is meant for a check of this kind.</summary>
    public bool AppliesTo(CreditCheckContext context) =>
        (Commodity is null || Commodity == context.Commodity)
        && (CustomerType is null || CustomerType == context.CustomerType)
        && (Channel is null || Channel == context.Channel);

    /// <summary>Checks the rule against the bureau's scale; throws <see cref="DomainException"/> naming the field.</summary>
    public void Validate()
    {
        var bureau = Bureaus.Find(Bureau) ?? throw new DomainException(CoreText.Format("Credit.UnknownBureau", Bureau), nameof(Bureau));
        var product = bureau.Product(Product) ?? throw new DomainException(CoreText.Format("Credit.UnknownProduct", Product, bureau.Name), nameof(Product));
        if (MatchesNegativeFeatures) { Min = null; Max = null; return; }
        if (Min is null || Max is null) throw new DomainException(CoreText.Get("Credit.RangeRequired"), nameof(Min));
        if (Min > Max) throw new DomainException(CoreText.Format("Credit.RangeOrder", Min, Max), nameof(Min));
        if (!product.Scale.Contains(Min.Value) || !product.Scale.Contains(Max.Value))
            throw new DomainException(CoreText.Format("Credit.RangeOutsideScale", product.Name, product.Scale.Min, product.Scale.Max), nameof(Max));
    }
}

/// <summary>What kind of contract a check is for: rules can differ by commodity, customer type and sales channel.</summary>
public sealed record CreditCheckContext(Commodity Commodity, CustomerType CustomerType, SalesChannel Channel);
