namespace Joules.Core.Pricing;

/// <summary>The statutory and grid price components at one location (grid area) on one date, as market data delivers
/// them (domain.md §2.5). All prices are net. Components with a price of 0 do not appear in a breakdown.</summary>
public sealed record LocationCharges
{
    /// <summary>Netzentgelt Arbeitspreis in ct/kWh (SLP).</summary>
    public decimal GridWorkingPriceCtPerKwh { get; init; }

    /// <summary>Netzentgelt Grundpreis in € per year.</summary>
    public decimal GridBasePricePerYear { get; init; }

    /// <summary>Messstellenbetrieb (metering) in € per year.</summary>
    public decimal MeteringPerYear { get; init; }

    /// <summary>Konzessionsabgabe in ct/kWh.</summary>
    public decimal ConcessionFeeCtPerKwh { get; init; }

    /// <summary>Umlagen in ct/kWh (e.g. KWKG-Umlage, Offshore-Netzumlage, Aufschlag für besondere Netznutzung,
    /// for gas the CO₂ price), each with its own code and name.</summary>
    public IReadOnlyList<Levy> Levies { get; init; } = [];

    /// <summary>Stromsteuer (electricity) or Energiesteuer (gas) in ct/kWh.</summary>
    public decimal EnergyTaxCtPerKwh { get; init; }

    /// <summary>Umsatzsteuer in percent (19 in Germany); applies to every component.</summary>
    public decimal VatPercent { get; init; } = 19m;

    /// <summary>Grid prices for interval-metered (RLM) supply points; needed when the consumption has a peak load.</summary>
    public RlmGridPrices? Rlm { get; init; }

    /// <summary>A location of which only the VAT rate is known (for all-inclusive tariffs without market data).</summary>
    public static LocationCharges VatOnly(decimal vatPercent = 19m) => new() { VatPercent = vatPercent };

    internal bool HasNoComponents =>
        GridWorkingPriceCtPerKwh == 0 && GridBasePricePerYear == 0 && MeteringPerYear == 0 && ConcessionFeeCtPerKwh == 0
        && EnergyTaxCtPerKwh == 0 && Levies.All(l => l.CtPerKwh == 0) && Rlm is null;
}

/// <summary>One levy (Umlage) per kWh.</summary>
/// <param name="Code">Stable code, e.g. <c>KWKG</c>, <c>OFFSHORE</c>, <c>NEV19</c>, <c>CO2</c>; it becomes the line code.</param>
/// <param name="Name">Display name, e.g. „KWKG-Umlage“.</param>
/// <param name="CtPerKwh">Price in ct/kWh, net.</param>
public sealed record Levy(string Code, string Name, decimal CtPerKwh);

/// <summary>RLM grid fee: a Leistungspreis (capacity price) and an Arbeitspreis, with one pair below and one at or above
/// a Benutzungsdauer of 2,500 h per year (Benutzungsdauer = annual energy ÷ annual peak load).</summary>
/// <param name="CapacityPriceBelowPerKwYear">Leistungspreis in €/kW/a for fewer than 2,500 h.</param>
/// <param name="WorkingPriceBelowCtPerKwh">Arbeitspreis in ct/kWh for fewer than 2,500 h.</param>
/// <param name="CapacityPriceAbovePerKwYear">Leistungspreis in €/kW/a for 2,500 h and more.</param>
/// <param name="WorkingPriceAboveCtPerKwh">Arbeitspreis in ct/kWh for 2,500 h and more.</param>
public sealed record RlmGridPrices(
    decimal CapacityPriceBelowPerKwYear, decimal WorkingPriceBelowCtPerKwh,
    decimal CapacityPriceAbovePerKwYear, decimal WorkingPriceAboveCtPerKwh)
{
    /// <summary>The Benutzungsdauer in hours per year from which the "above" pair applies (inclusive).</summary>
    public const decimal SplitHours = 2500m;
}

/// <summary>The consumption to price at.</summary>
/// <param name="Commodity">Power or gas (decides the tax line's name).</param>
/// <param name="AnnualKwh">Annual consumption in kWh; greater than 0, at most 10 GWh for SLP supply points.</param>
/// <param name="PeakLoadKw">Annual peak load in kW for RLM supply points; null for SLP.</param>
public sealed record Consumption(Joules.Core.Domain.Tariffs.Commodity Commodity, decimal AnnualKwh, decimal? PeakLoadKw = null)
{
    /// <summary>The largest plausible annual consumption of a standard-load-profile supply point in kWh (10 GWh).</summary>
    public const decimal MaxSlpKwh = 10_000_000m;

    /// <summary>True when the supply point is interval-metered (a peak load is given).</summary>
    public bool IsRlm => PeakLoadKw is not null;

    /// <summary>Benutzungsdauer in hours per year (annual energy ÷ peak load), for RLM only.</summary>
    public decimal? UtilisationHours => PeakLoadKw is > 0 ? AnnualKwh / PeakLoadKw.Value : null;

    /// <summary>Power consumption at SLP.</summary>
    public static Consumption Power(decimal annualKwh) => new(Joules.Core.Domain.Tariffs.Commodity.Electricity, annualKwh);

    /// <summary>Gas consumption at SLP.</summary>
    public static Consumption Gas(decimal annualKwh) => new(Joules.Core.Domain.Tariffs.Commodity.Gas, annualKwh);
}
