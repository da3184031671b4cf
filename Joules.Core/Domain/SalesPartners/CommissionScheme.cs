using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.SalesPartners;

/// <summary>How a partner is paid: a closing commission of a fixed amount plus an amount per MWh of forecast
/// consumption (clamped to a band), a servicing commission per MWh delivered, and an override for the parent.</summary>
public sealed record CommissionScheme
{
    /// <summary>Fixed closing commission in € per contract.</summary>
    public decimal ClosingFixed { get; init; }
    /// <summary>Closing commission in € per MWh of forecast annual consumption.</summary>
    public decimal ClosingPerMwh { get; init; }
    /// <summary>Lower bound of the MWh band the per-MWh part counts.</summary>
    public decimal ClosingMinMwh { get; init; }
    /// <summary>Upper bound of the MWh band the per-MWh part counts.</summary>
    public decimal ClosingMaxMwh { get; init; } = 10m;
    /// <summary>Servicing (trail) commission in € per MWh delivered.</summary>
    public decimal ServicingPerMwh { get; init; }
    /// <summary>Share of a child's closing commission paid to this partner's parent, in percent.</summary>
    public decimal ParentOverridePercent { get; init; }
    /// <summary>Months after supply start within which an early end claws back the closing commission pro rata.</summary>
    public int LiabilityMonths { get; init; } = 12;

    /// <summary>The closing commission for a forecast annual consumption, rounded to cents (half away from zero).</summary>
    public decimal ClosingAmount(decimal forecastKwh)
    {
        var mwh = Math.Clamp(forecastKwh / 1000m, ClosingMinMwh, Math.Max(ClosingMinMwh, ClosingMaxMwh));
        return Math.Round(ClosingFixed + ClosingPerMwh * mwh, 2, MidpointRounding.AwayFromZero);
    }

    public void Validate()
    {
        if (ClosingFixed < 0 || ClosingPerMwh < 0 || ServicingPerMwh < 0)
            throw new DomainException(CoreText.Get("Commission.SchemeNegative"), nameof(ClosingFixed));
        if (ClosingMinMwh < 0)
            throw new DomainException(CoreText.Get("Commission.SchemeNegative"), nameof(ClosingMinMwh));
        if (ClosingMaxMwh < ClosingMinMwh)
            throw new DomainException(CoreText.Get("Commission.SchemeBand"), nameof(ClosingMaxMwh));
        if (ParentOverridePercent is < 0 or > 100)
            throw new DomainException(CoreText.Get("Commission.SchemeOverride"), nameof(ParentOverridePercent));
        if (LiabilityMonths is < 0 or > 60)
            throw new DomainException(CoreText.Get("Commission.SchemeLiability"), nameof(LiabilityMonths));
    }
}
