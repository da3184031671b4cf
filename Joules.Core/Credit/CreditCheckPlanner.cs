using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;

namespace Joules.Core.Credit;

/// <summary>One bureau to ask, in fallback order.</summary>
public sealed record PlannedCheck(string Bureau, string Product, CreditCheckDepth Depth);

/// <summary>Plans a credit check from a brand's settings and routes: which bureaus to ask in which order (for the
/// customer's country and type) and how deep (CRD-4: negative features only below the contract-size thresholds).</summary>
public static class CreditCheckPlanner
{
    /// <summary>The depth for a contract of <paramref name="annualKwh"/> and first-year value <paramref name="contractValue"/>:
    /// full when no threshold is set or either set threshold is reached, else negative features only.</summary>
    public static CreditCheckDepth Depth(CreditCheckSettings settings, int annualKwh, decimal? contractValue)
    {
        if (settings.FullCheckFromKwh is null && settings.FullCheckFromContractValue is null) return CreditCheckDepth.Full;
        if (settings.FullCheckFromKwh is { } kwh && annualKwh >= kwh) return CreditCheckDepth.Full;
        if (settings.FullCheckFromContractValue is { } value && contractValue >= value) return CreditCheckDepth.Full;
        return CreditCheckDepth.NegativeFeaturesOnly;
    }

    /// <summary>The routes for <paramref name="country"/> and <paramref name="customerType"/> in fallback order, all at
    /// the same depth; empty when the brand has none (the check then goes to manual review).</summary>
    public static IReadOnlyList<PlannedCheck> Plan(CreditCheckSettings settings, IEnumerable<BureauRoute> routes, string country,
        CustomerType customerType, int annualKwh, decimal? contractValue)
    {
        var depth = Depth(settings, annualKwh, contractValue);
        return routes.Where(r => r.Country == country && r.CustomerType == customerType)
            .OrderBy(r => r.Position).Select(r => new PlannedCheck(r.Bureau, r.Product, depth)).ToList();
    }
}
