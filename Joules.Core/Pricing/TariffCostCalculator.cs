using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;

namespace Joules.Core.Pricing;

/// <summary>Prices a tariff at one location and consumption with a full breakdown, the way comparison portals do
/// (domain.md §2.4/§2.5). Pure and stateless: no database, no clock.</summary>
/// <remarks>
/// <para><b>Formulas</b> (E = annual kWh, all net; gross = net × (1 + VAT)):</para>
/// <list type="bullet">
/// <item>Working price: flat <c>AP × E</c>; HT/NT <c>E × (s × AP_HT + (1 − s) × AP_NT)</c>; Staffel: the band containing E
/// prices all of E (and may replace the Grundpreis); Zonen: each band prices its own slice.</item>
/// <item>Pass-through: year cost = tariff Grundpreis + working price + grid base price + grid working price × E
/// (RLM: Leistungspreis × peak kW + Arbeitspreis × E, pair chosen by Benutzungsdauer &lt; or ≥ 2,500 h) + metering
/// + (Konzessionsabgabe + Σ levies + electricity/energy tax) × E.</item>
/// <item>All-inclusive: year cost = tariff Grundpreis + working price; the location's components are shown as lines and
/// the supplier's energy share is the remainder. A negative remainder is kept and flagged
/// (<see cref="CostLine.IsNegativeRemainder"/>), never hidden or clamped. Its unit price is the remainder ÷ E in ct/kWh.</item>
/// <item>Bonuses (first year only): Sofortbonus; Neukundenbonus fixed, or pct × year cost without bonuses;
/// Freikilowattstunden min(free kWh, E) × average all-in working price per kWh.</item>
/// <item>C₂₊ = year cost; C₁ = C₂₊ − bonuses; Abschlag = ⌈C₂₊ gross ÷ 12⌉ whole euros.</item>
/// </list>
/// <para><b>Rounding</b>: see <see cref="PricingRounding"/>. Lines stay unrounded; each total is rounded to cents
/// (net, and VAT computed on the unrounded net), gross = net + VAT.</para>
/// </remarks>
public static class TariffCostCalculator
{
    /// <summary>Prices <paramref name="tariff"/> at <paramref name="location"/> for <paramref name="consumption"/>.</summary>
    /// <exception cref="DomainException">An input is invalid (see <see cref="PricingValidation"/>), or the consumption is
    /// RLM and the location has no RLM grid prices.</exception>
    public static CostBreakdown Calculate(TariffPrices tariff, LocationCharges location, Consumption consumption)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(consumption);
        PricingValidation.Validate(tariff);
        PricingValidation.Validate(location);
        PricingValidation.Validate(consumption);
        if (consumption.IsRlm && location.Rlm is null && !(tariff.Mode == PricingMode.AllInclusive && location.HasNoComponents))
            throw new DomainException(CoreText.Get("Pricing.RlmPricesMissing"), nameof(LocationCharges.Rlm));

        var rate = location.VatPercent / 100m;
        var e = consumption.AnnualKwh;
        var supplier = SupplierParts(tariff, e);
        var located = LocationParts(location, consumption);

        List<Part> parts;
        decimal energyDependent;
        if (tariff.Mode == PricingMode.PassThrough)
        {
            parts = [.. supplier, .. located];
            energyDependent = parts.Where(p => p.PerKwh).Sum(p => p.Net);
        }
        else
        {
            var remainder = supplier.Sum(p => p.Net) - located.Sum(p => p.Net);
            var share = new Part("EnergyShare", Text("EnergyShare"), CostLineKind.EnergyShare, remainder,
                remainder / e * 100m, PriceUnit.CtPerKwh, e, PerKwh: false, NegativeRemainder: remainder < 0m);
            parts = [.. located, share];
            energyDependent = supplier.Where(p => p.PerKwh).Sum(p => p.Net);
        }

        var yearNet = parts.Sum(p => p.Net);
        var averageCtPerKwh = energyDependent / e * 100m;
        var bonuses = BonusParts(tariff, yearNet, averageCtPerKwh, e);

        var laterYears = CostTotals.FromNet(yearNet, rate);
        var bonusTotals = CostTotals.FromNet(-bonuses.Sum(p => p.Net), rate);
        var firstYear = laterYears - bonusTotals;
        return new CostBreakdown
        {
            Mode = tariff.Mode,
            Consumption = consumption,
            VatPercent = location.VatPercent,
            Lines = parts.Select(p => p.ToLine(rate)).ToList(),
            BonusLines = bonuses.Select(p => p.ToLine(rate)).ToList(),
            LaterYears = laterYears,
            Bonuses = bonusTotals,
            FirstYear = firstYear,
            MonthlyInstalment = PricingRounding.MonthlyInstalment(laterYears.Gross),
            FirstYearPerMonthGross = PricingRounding.Cents(firstYear.Gross / 12m),
            EffectiveBasePricePerYear = PricingRounding.UnitPrice(yearNet - energyDependent),
            EffectiveWorkingPriceCtPerKwh = PricingRounding.UnitPrice(averageCtPerKwh),
        };
    }

    private static List<Part> SupplierParts(TariffPrices tariff, decimal e)
    {
        var parts = new List<Part>();
        var basePrice = tariff.BasePricePerYear;
        if (tariff.Bands.Count > 0 && tariff.BandModel == BandModel.Staffel)
        {
            var index = StaffelIndex(tariff.Bands, e);
            var band = tariff.Bands[index];
            basePrice = band.BasePricePerYear ?? basePrice;
            parts.Add(Working($"SupplierWorkingPrice.Staffel{index + 1}", CoreText.Format("Pricing.Line.Staffel", index + 1), e, band.WorkingPriceCtPerKwh));
        }
        else if (tariff.Bands.Count > 0)
        {
            for (var i = 0; i < tariff.Bands.Count; i++)
            {
                var band = tariff.Bands[i];
                var slice = Math.Min(e, band.ToKwh ?? decimal.MaxValue) - band.FromKwh;
                if (slice <= 0m) break;
                parts.Add(Working($"SupplierWorkingPrice.Zone{i + 1}", CoreText.Format("Pricing.Line.Zone", i + 1), slice, band.WorkingPriceCtPerKwh));
            }
        }
        else if (tariff.LowTariffWorkingPriceCtPerKwh is { } low)
        {
            var share = tariff.HighTariffShare!.Value;
            parts.Add(Working("SupplierWorkingPrice.HT", Text("SupplierWorkingPriceHigh"), e * share, tariff.WorkingPriceCtPerKwh));
            parts.Add(Working("SupplierWorkingPrice.NT", Text("SupplierWorkingPriceLow"), e * (1m - share), low));
        }
        else
        {
            parts.Add(Working("SupplierWorkingPrice", Text("SupplierWorkingPrice"), e, tariff.WorkingPriceCtPerKwh));
        }
        parts.Insert(0, PerYear("SupplierBasePrice", Text("SupplierBasePrice"), CostLineKind.Supplier, basePrice));
        return parts;

        static Part Working(string code, string name, decimal kwh, decimal ct) =>
            new(code, name, CostLineKind.Supplier, kwh * ct / 100m, ct, PriceUnit.CtPerKwh, kwh, PerKwh: true);
    }

    /// <summary>The 0-based index of the Staffel band whose range (From, To] contains <paramref name="kwh"/>.</summary>
    private static int StaffelIndex(IReadOnlyList<ConsumptionBand> bands, decimal kwh)
    {
        for (var i = 0; i < bands.Count; i++)
            if (bands[i].ToKwh is not { } to || kwh <= to) return i;
        return bands.Count - 1;
    }

    private static List<Part> LocationParts(LocationCharges location, Consumption consumption)
    {
        var e = consumption.AnnualKwh;
        var parts = new List<Part>();
        if (consumption.IsRlm && location.Rlm is { } rlm)
        {
            var peak = consumption.PeakLoadKw!.Value;
            var above = consumption.UtilisationHours >= RlmGridPrices.SplitHours;
            var capacity = above ? rlm.CapacityPriceAbovePerKwYear : rlm.CapacityPriceBelowPerKwYear;
            var working = above ? rlm.WorkingPriceAboveCtPerKwh : rlm.WorkingPriceBelowCtPerKwh;
            var suffix = above ? "Above2500h" : "Below2500h";
            if (capacity != 0m)
                parts.Add(new Part("GridCapacityPrice." + suffix, Text("GridCapacityPrice" + suffix), CostLineKind.Grid,
                    peak * capacity, capacity, PriceUnit.EuroPerKwYear, peak, PerKwh: false));
            AddPerKwh(parts, "GridWorkingPrice." + suffix, Text("GridWorkingPrice" + suffix), CostLineKind.Grid, e, working);
        }
        else
        {
            AddPerKwh(parts, "GridWorkingPrice", Text("GridWorkingPrice"), CostLineKind.Grid, e, location.GridWorkingPriceCtPerKwh);
        }
        if (location.GridBasePricePerYear != 0m)
            parts.Add(PerYear("GridBasePrice", Text("GridBasePrice"), CostLineKind.Grid, location.GridBasePricePerYear));
        if (location.MeteringPerYear != 0m)
            parts.Add(PerYear("Metering", Text("Metering"), CostLineKind.Grid, location.MeteringPerYear));
        AddPerKwh(parts, "ConcessionFee", Text("ConcessionFee"), CostLineKind.Statutory, e, location.ConcessionFeeCtPerKwh);
        foreach (var levy in location.Levies)
            AddPerKwh(parts, levy.Code.Trim(), string.IsNullOrWhiteSpace(levy.Name) ? levy.Code.Trim() : levy.Name.Trim(), CostLineKind.Statutory, e, levy.CtPerKwh);
        var tax = consumption.Commodity == Commodity.Gas ? "EnergyTax" : "ElectricityTax";
        AddPerKwh(parts, tax, Text(tax), CostLineKind.Statutory, e, location.EnergyTaxCtPerKwh);
        return parts;

        static void AddPerKwh(List<Part> parts, string code, string name, CostLineKind kind, decimal kwh, decimal ct)
        {
            if (ct != 0m) parts.Add(new Part(code, name, kind, kwh * ct / 100m, ct, PriceUnit.CtPerKwh, kwh, PerKwh: true));
        }
    }

    private static List<Part> BonusParts(TariffPrices tariff, decimal yearNet, decimal averageCtPerKwh, decimal e)
    {
        var parts = new List<Part>();
        if (tariff.NewCustomerBonus is { Value: > 0m } bonus)
        {
            var amount = bonus.Kind == BonusKind.Percent ? yearNet * bonus.Value / 100m : bonus.Value;
            parts.Add(OneOff("NewCustomerBonus", -amount));
        }
        if (tariff.InstantBonus > 0m)
            parts.Add(OneOff("InstantBonus", -tariff.InstantBonus));
        if (tariff.FreeKwh > 0m)
        {
            var free = Math.Min(tariff.FreeKwh, e);
            parts.Add(new Part("FreeKwh", Text("FreeKwh"), CostLineKind.Bonus, -free * averageCtPerKwh / 100m,
                averageCtPerKwh, PriceUnit.CtPerKwh, free, PerKwh: false));
        }
        return parts;

        static Part OneOff(string code, decimal net) =>
            new(code, Text(code), CostLineKind.Bonus, net, UnitPrice: null, Unit: null, Quantity: null, PerKwh: false);
    }

    private static Part PerYear(string code, string name, CostLineKind kind, decimal euro) =>
        new(code, name, kind, euro, euro, PriceUnit.EuroPerYear, 1m, PerKwh: false);

    private static string Text(string line) => CoreText.Get("Pricing.Line." + line);

    private sealed record Part(string Code, string Name, CostLineKind Kind, decimal Net, decimal? UnitPrice, PriceUnit? Unit,
        decimal? Quantity, bool PerKwh, bool NegativeRemainder = false)
    {
        public CostLine ToLine(decimal rate) => new(Code, Name, Kind, Net, Net * rate, Net + Net * rate,
            UnitPrice is { } u ? PricingRounding.UnitPrice(u) : null, Unit, Quantity, NegativeRemainder);
    }
}
