namespace Joules.Core.Pricing;

/// <summary>The unit of a line's unit price.</summary>
public enum PriceUnit
{
    /// <summary>ct per kWh; the quantity is kWh.</summary>
    CtPerKwh = 0,

    /// <summary>€ per year; the quantity is 1 (year).</summary>
    EuroPerYear = 1,

    /// <summary>€ per kW and year (RLM Leistungspreis); the quantity is the peak load in kW.</summary>
    EuroPerKwYear = 2,
}

/// <summary>What a line is.</summary>
public enum CostLineKind
{
    /// <summary>A price of the supplier's tariff (pass-through mode).</summary>
    Supplier = 0,

    /// <summary>A grid fee or metering charge.</summary>
    Grid = 1,

    /// <summary>Konzessionsabgabe, a levy or the electricity/energy tax.</summary>
    Statutory = 2,

    /// <summary>All-inclusive mode: the supplier's energy share, computed as the tariff's price minus the location's components.</summary>
    EnergyShare = 3,

    /// <summary>A first-year bonus (negative amounts).</summary>
    Bonus = 4,
}

/// <summary>One line of a <see cref="CostBreakdown"/>.</summary>
/// <remarks>Amounts are <b>not</b> rounded (full decimal precision), so that the lines add up exactly; round for
/// display with <see cref="PricingRounding.Cents"/>. The totals of the breakdown are rounded to cents. Because each
/// displayed line is rounded on its own, displayed lines may differ from the displayed total by a cent.</remarks>
/// <param name="Code">Stable code (e.g. <c>GridWorkingPrice</c>, a levy's code, <c>SupplierWorkingPrice.Zone2</c>).</param>
/// <param name="Name">Display name in the current UI culture (German by default), or the levy's name as delivered.</param>
/// <param name="Kind">What the line is.</param>
/// <param name="Net">€ per year, net.</param>
/// <param name="Vat">VAT on <paramref name="Net"/> in €.</param>
/// <param name="Gross">Net + VAT in €.</param>
/// <param name="UnitPrice">Net unit price, rounded to 4 decimals; null where no unit price is meaningful.</param>
/// <param name="Unit">Unit of <paramref name="UnitPrice"/>.</param>
/// <param name="Quantity">kWh, kW or 1 (year), matching <paramref name="Unit"/>.</param>
/// <param name="IsNegativeRemainder">True on an all-inclusive energy share line that came out negative: the tariff's
/// price does not cover the location's grid fees, levies and taxes. The totals stay correct (they are the tariff's
/// price); the flag tells the caller that the tariff is priced below the statutory components at this location.</param>
public sealed record CostLine(
    string Code, string Name, CostLineKind Kind, decimal Net, decimal Vat, decimal Gross,
    decimal? UnitPrice, PriceUnit? Unit, decimal? Quantity, bool IsNegativeRemainder = false);

/// <summary>Net, VAT and gross of a total in €, each rounded to cents; <see cref="Gross"/> = <see cref="Net"/> + <see cref="Vat"/>.</summary>
public sealed record CostTotals(decimal Net, decimal Vat, decimal Gross)
{
    /// <summary>Rounds a net amount to cents and adds the VAT computed on the unrounded net amount, rounded to cents.</summary>
    public static CostTotals FromNet(decimal exactNet, decimal vatRate)
    {
        var net = PricingRounding.Cents(exactNet);
        var vat = PricingRounding.Cents(exactNet * vatRate);
        return new CostTotals(net, vat, net + vat);
    }

    /// <summary>Component-wise difference.</summary>
    public static CostTotals operator -(CostTotals a, CostTotals b) => new(a.Net - b.Net, a.Vat - b.Vat, a.Gross - b.Gross);
}

/// <summary>The priced result of one tariff at one location and consumption, as a comparison portal shows it.</summary>
public sealed record CostBreakdown
{
    /// <summary>The pricing mode of the tariff.</summary>
    public required PricingMode Mode { get; init; }

    /// <summary>The consumption the breakdown was computed for.</summary>
    public required Consumption Consumption { get; init; }

    /// <summary>VAT rate in percent.</summary>
    public required decimal VatPercent { get; init; }

    /// <summary>The cost components of one year without bonuses; their net amounts add up to <see cref="LaterYears"/>.Net
    /// (before rounding). Pass-through: the supplier's prices plus the location's components. All-inclusive: the
    /// location's components plus the supplier's energy share as the remainder.</summary>
    public required IReadOnlyList<CostLine> Lines { get; init; }

    /// <summary>The first-year bonuses as negative lines (Neukundenbonus, Sofortbonus, Freikilowattstunden).</summary>
    public required IReadOnlyList<CostLine> BonusLines { get; init; }

    /// <summary>Cost of a later year (year 2+): all lines, no bonuses. Also the first year's cost without bonuses.</summary>
    public required CostTotals LaterYears { get; init; }

    /// <summary>Sum of the first-year bonuses as positive amounts.</summary>
    public required CostTotals Bonuses { get; init; }

    /// <summary>First-year cost with bonuses: <see cref="LaterYears"/> − <see cref="Bonuses"/>, component-wise in cents,
    /// so that the portal identity C₁ = C₂₊ − bonuses holds exactly.</summary>
    public required CostTotals FirstYear { get; init; }

    /// <summary>Monthly instalment (Abschlag) in € gross: first-year gross cost without bonuses ÷ 12, rounded up to
    /// whole euros (bonuses are paid out later, so the instalment must cover the full price).</summary>
    public required decimal MonthlyInstalment { get; init; }

    /// <summary>First-year gross cost with bonuses ÷ 12, rounded to cents: the "per month" figure portals display.</summary>
    public required decimal FirstYearPerMonthGross { get; init; }

    /// <summary>All-in Grundpreis the customer effectively pays per year, net: everything that does not depend on the
    /// kWh (tariff base price, grid base price, metering, RLM capacity price), rounded to 4 decimals.</summary>
    public required decimal EffectiveBasePricePerYear { get; init; }

    /// <summary>All-in average working price in ct/kWh, net: every kWh-dependent component ÷ consumption, rounded to 4 decimals.</summary>
    public required decimal EffectiveWorkingPriceCtPerKwh { get; init; }

    /// <summary>True when an all-inclusive tariff's energy share came out negative (see <see cref="CostLine.IsNegativeRemainder"/>).</summary>
    public bool HasNegativeEnergyShare => Lines.Any(l => l.IsNegativeRemainder);

    /// <summary>The cost used for ranking: first-year gross with bonuses, or without bonuses (= <see cref="LaterYears"/>.Gross).</summary>
    public decimal RankingCost(bool includeBonuses) => includeBonuses ? FirstYear.Gross : LaterYears.Gross;
}

/// <summary>The rounding rules of the pricing engine. Money is <see cref="decimal"/> throughout; intermediate values
/// are never rounded. Totals are rounded to cents with commercial rounding (<see cref="MidpointRounding.AwayFromZero"/>:
/// 0.005 → 0.01); derived unit prices keep 4 decimals, rounded the same way.</summary>
public static class PricingRounding
{
    /// <summary>Rounds to cents, commercial rounding (half away from zero).</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds a unit price to 4 decimals, commercial rounding.</summary>
    public static decimal UnitPrice(decimal price) => Math.Round(price, 4, MidpointRounding.AwayFromZero);

    /// <summary>A monthly instalment: <paramref name="annualGross"/> ÷ 12 rounded <b>up</b> to whole euros.</summary>
    public static decimal MonthlyInstalment(decimal annualGross) => Math.Ceiling(annualGross / 12m);
}
