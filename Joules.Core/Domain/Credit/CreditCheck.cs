using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;

namespace Joules.Core.Domain.Credit;

/// <summary>One credit check of a contract: which bureau answered (or that none could), the answer as it came
/// (raw score on the bureau's scale, class, negative features, probability of default, hash of the raw response),
/// the decision, the rule that led to it and the reason. An answer about the same person younger than the brand's
/// reuse period is reused instead of asking again (<see cref="ReusedFromCheckId"/>). Personal data is not stored
/// here: <see cref="SubjectKey"/> is a SHA-256 of the normalised subject, used only to find answers to reuse.</summary>
public sealed class CreditCheck : ITenantOwned
{
    private CreditCheck() { }

    public static CreditCheck Start(Guid brandId, Guid contractId, Guid customerId, string subjectKey, CreditCheckContext context,
        string requestedBy, string trigger, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), BrandId = brandId, ContractId = contractId, CustomerId = customerId, SubjectKey = subjectKey,
        Commodity = context.Commodity, CustomerType = context.CustomerType, Channel = context.Channel,
        RequestedBy = requestedBy, Trigger = trigger, RequestedAt = at,
    };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }
    public Guid ContractId { get; private set; }
    public Guid CustomerId { get; private set; }

    /// <summary>SHA-256 (hex) of the normalised subject (type, names, birth date, postal code, register number).</summary>
    public string SubjectKey { get; private set; } = "";
    public Commodity Commodity { get; private set; }
    public CustomerType CustomerType { get; private set; }
    public SalesChannel Channel { get; private set; }

    /// <summary>User name of who started the check (the system for automatic checks).</summary>
    public string RequestedBy { get; private set; } = "";

    /// <summary><c>auto</c> (the contract entered "credit check pending") or <c>button</c>.</summary>
    public string Trigger { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Depth asked for (null when no bureau was asked).</summary>
    public int? Depth { get; private set; }

    /// <summary>The bureau that answered; null when none could.</summary>
    public string? Bureau { get; private set; }
    public string? Product { get; private set; }
    public decimal? RawScore { get; private set; }
    public string? RawClass { get; private set; }

    /// <summary>Codes of hard negative features, comma-separated; empty if none.</summary>
    public string NegativeFeatures { get; private set; } = "";
    public decimal? ProbabilityOfDefault { get; private set; }

    /// <summary>When the bureau was asked (for a reused answer: when it was asked originally).</summary>
    public DateTimeOffset? BureauRequestedAt { get; private set; }
    public string? ResponseHash { get; private set; }

    /// <summary>The check whose bureau answer was reused (no new request, no fee).</summary>
    public Guid? ReusedFromCheckId { get; private set; }

    /// <summary>Bureaus that could not answer, with the reason, in the order asked ("SCHUFA: Zeitüberschreitung; …").</summary>
    public string? Failures { get; private set; }

    public CreditDecision Decision { get; private set; }
    public Guid? RuleId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>True when a bureau answer (fresh or reused) is stored.</summary>
    public bool HasAnswer => ResponseHash is not null;

    /// <summary>The stored bureau answer, or null.</summary>
    public BureauResult? Answer => ResponseHash is null || Bureau is null || Product is null ? null
        : new BureauResult(Bureau, Product, RawScore, RawClass, NegativeFeatureCodes, ProbabilityOfDefault, BureauRequestedAt ?? RequestedAt, ResponseHash);

    /// <summary>The negative feature codes as a list.</summary>
    public IReadOnlyList<string> NegativeFeatureCodes =>
        NegativeFeatures.Length == 0 ? [] : NegativeFeatures.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The kind of contract checked (rules differ by it).</summary>
    public CreditCheckContext Context => new(Commodity, CustomerType, Channel);

    /// <summary>Stores a bureau's answer (<paramref name="reusedFrom"/>: the check it was taken from).</summary>
    public void RecordAnswer(BureauResult result, int depth, Guid? reusedFrom = null)
    {
        Bureau = result.Bureau;
        Product = result.Product;
        RawScore = result.RawScore;
        RawClass = result.RawClass;
        NegativeFeatures = string.Join(",", result.NegativeFeatureCodes);
        ProbabilityOfDefault = result.ProbabilityOfDefault;
        BureauRequestedAt = result.RequestedAt;
        ResponseHash = result.ResponseHash;
        Depth = depth;
        ReusedFromCheckId = reusedFrom;
    }

    /// <summary>Notes that bureau <paramref name="bureauName"/> could not answer.</summary>
    public void RecordFailure(string bureauName, string reason, int depth)
    {
        Depth = depth;
        var entry = $"{bureauName}: {reason}";
        Failures = Failures is null ? entry : Failures + "; " + entry;
    }

    /// <summary>Stores the decision.</summary>
    public void Decide(CreditDecision decision, Guid? ruleId, string reason, DateTimeOffset at)
    {
        Decision = decision;
        RuleId = ruleId;
        Reason = reason.Length > 1000 ? reason[..1000] : reason;
        DecidedAt = at;
    }
}
