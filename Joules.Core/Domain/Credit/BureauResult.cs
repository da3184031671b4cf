namespace Joules.Core.Domain.Credit;

/// <summary>What a bureau answered, kept as it came (domain.md §5.1): the raw score on the bureau's own scale, its
/// class, the negative features, a probability of default when given, and a hash of the raw response as proof.</summary>
/// <param name="Bureau">Bureau id.</param>
/// <param name="Product">Product id.</param>
/// <param name="RawScore">Score on the product's scale; null when the bureau computed none (unknown person, hard negative features).</param>
/// <param name="RawClass">The bureau's class or band label, if any.</param>
/// <param name="NegativeFeatureCodes">Codes of hard negative features (collection, insolvency, …); empty if none.</param>
/// <param name="ProbabilityOfDefault">Probability of default (0–1) if the bureau gives one.</param>
/// <param name="RequestedAt">When the request was sent.</param>
/// <param name="ResponseHash">SHA-256 (hex) of the raw response body.</param>
public sealed record BureauResult(string Bureau, string Product, decimal? RawScore, string? RawClass,
    IReadOnlyList<string> NegativeFeatureCodes, decimal? ProbabilityOfDefault, DateTimeOffset RequestedAt, string ResponseHash)
{
    /// <summary>True if the bureau reported hard negative features.</summary>
    public bool HasNegativeFeatures => NegativeFeatureCodes.Count > 0;
}

/// <summary>What the engine decides for a check.</summary>
public enum CreditDecision
{
    /// <summary>The contract may go on.</summary>
    AutoAccept = 0,
    /// <summary>A person decides (borderline score, no score, bureau not reachable, contested reject).</summary>
    ManualReview = 1,
    /// <summary>Rejected by rule; the customer may contest, which sends the case to manual review (CJEU C-634/21).</summary>
    AutoReject = 2,
    /// <summary>Accepted only with prepayment or a deposit.</summary>
    AcceptWithPrepayment = 3,
}
