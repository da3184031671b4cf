using Joules.Core.Domain.Common;

namespace Joules.Core.Pricing;

/// <summary>Checks the inputs of <see cref="TariffCostCalculator"/>; every violation is a <see cref="DomainException"/>
/// with a German (or English) message naming the field and <see cref="DomainException.Field"/> set to the property name.</summary>
public static class PricingValidation
{
    /// <summary>Hours of a leap year: no Benutzungsdauer can exceed it.</summary>
    public const decimal MaxHoursPerYear = 8784m;

    /// <summary>Validates a tariff's prices: no negative prices or bonuses, HT share 0..1 (and given with an NT price),
    /// bands that start at 0, are contiguous (no gaps, no overlaps), end open, and are not combined with HT/NT.</summary>
    public static void Validate(TariffPrices tariff)
    {
        NotNegative(tariff.BasePricePerYear, nameof(TariffPrices.BasePricePerYear));
        NotNegative(tariff.WorkingPriceCtPerKwh, nameof(TariffPrices.WorkingPriceCtPerKwh));
        if (tariff.LowTariffWorkingPriceCtPerKwh is { } low) NotNegative(low, nameof(TariffPrices.LowTariffWorkingPriceCtPerKwh));
        NotNegative(tariff.InstantBonus, nameof(TariffPrices.InstantBonus));
        NotNegative(tariff.FreeKwh, nameof(TariffPrices.FreeKwh));
        if (tariff.HighTariffShare is { } share && share is < 0m or > 1m)
            throw new DomainException(CoreText.Get("Pricing.HighTariffShareRange"), nameof(TariffPrices.HighTariffShare));
        if (tariff.LowTariffWorkingPriceCtPerKwh is not null && tariff.HighTariffShare is null)
            throw new DomainException(CoreText.Get("Pricing.HighTariffShareRequired"), nameof(TariffPrices.HighTariffShare));
        if (tariff.NewCustomerBonus is { } bonus)
        {
            NotNegative(bonus.Value, nameof(TariffPrices.NewCustomerBonus));
            if (bonus.Kind == BonusKind.Percent && bonus.Value > 100m)
                throw new DomainException(CoreText.Get("Pricing.BonusPercentRange"), nameof(TariffPrices.NewCustomerBonus));
        }
        ValidateBands(tariff);
    }

    private static void ValidateBands(TariffPrices tariff)
    {
        var bands = tariff.Bands;
        if (bands.Count == 0) return;
        const string field = nameof(TariffPrices.Bands);
        if (tariff.LowTariffWorkingPriceCtPerKwh is not null)
            throw new DomainException(CoreText.Get("Pricing.BandsWithTimeOfUse"), field);
        if (bands[0].FromKwh != 0m)
            throw new DomainException(CoreText.Get("Pricing.BandsStartAtZero"), field);
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            NotNegative(band.WorkingPriceCtPerKwh, field, "Pricing.Field.BandWorkingPrice");
            if (band.BasePricePerYear is { } basePrice)
            {
                if (tariff.BandModel == BandModel.Zonen) throw new DomainException(CoreText.Get("Pricing.ZoneBasePrice"), field);
                NotNegative(basePrice, field, "Pricing.Field.BandBasePrice");
            }
            if (band.ToKwh is { } to && to <= band.FromKwh)
                throw new DomainException(CoreText.Format("Pricing.BandEmpty", band.FromKwh, to), field);
            if (i == 0) continue;
            var previous = bands[i - 1];
            if (previous.ToKwh is not { } previousTo || band.FromKwh < previousTo)
                throw new DomainException(CoreText.Format("Pricing.BandsOverlap", i, i + 1), field);
            if (band.FromKwh > previousTo)
                throw new DomainException(CoreText.Format("Pricing.BandsGap", previousTo, band.FromKwh), field);
        }
        if (bands[^1].ToKwh is not null)
            throw new DomainException(CoreText.Format("Pricing.BandsOpenEnd", bands[^1].ToKwh), field);
    }

    /// <summary>Validates a location's components: no negative prices, levies with a code, VAT 0..100 %.</summary>
    public static void Validate(LocationCharges location)
    {
        NotNegative(location.GridWorkingPriceCtPerKwh, nameof(LocationCharges.GridWorkingPriceCtPerKwh));
        NotNegative(location.GridBasePricePerYear, nameof(LocationCharges.GridBasePricePerYear));
        NotNegative(location.MeteringPerYear, nameof(LocationCharges.MeteringPerYear));
        NotNegative(location.ConcessionFeeCtPerKwh, nameof(LocationCharges.ConcessionFeeCtPerKwh));
        NotNegative(location.EnergyTaxCtPerKwh, nameof(LocationCharges.EnergyTaxCtPerKwh));
        foreach (var levy in location.Levies)
        {
            if (string.IsNullOrWhiteSpace(levy.Code))
                throw new DomainException(CoreText.Get("Pricing.LevyCodeRequired"), nameof(LocationCharges.Levies));
            if (levy.CtPerKwh < 0)
                throw new DomainException(CoreText.Format("Pricing.LevyNegative", levy.Name), nameof(LocationCharges.Levies));
        }
        if (location.VatPercent is < 0m or >= 100m)
            throw new DomainException(CoreText.Get("Pricing.VatRange"), nameof(LocationCharges.VatPercent));
        if (location.Rlm is { } rlm)
        {
            NotNegative(rlm.CapacityPriceBelowPerKwYear, nameof(RlmGridPrices.CapacityPriceBelowPerKwYear));
            NotNegative(rlm.WorkingPriceBelowCtPerKwh, nameof(RlmGridPrices.WorkingPriceBelowCtPerKwh));
            NotNegative(rlm.CapacityPriceAbovePerKwYear, nameof(RlmGridPrices.CapacityPriceAbovePerKwYear));
            NotNegative(rlm.WorkingPriceAboveCtPerKwh, nameof(RlmGridPrices.WorkingPriceAboveCtPerKwh));
        }
    }

    /// <summary>Validates a consumption: greater than 0 kWh; at most 10 GWh for SLP; for RLM a positive peak load and a
    /// Benutzungsdauer that fits into a year.</summary>
    public static void Validate(Consumption consumption)
    {
        const string field = nameof(Consumption.AnnualKwh);
        if (consumption.AnnualKwh <= 0m) throw new DomainException(CoreText.Get("Pricing.ConsumptionPositive"), field);
        if (consumption.PeakLoadKw is not { } peak)
        {
            if (consumption.AnnualKwh > Consumption.MaxSlpKwh)
                throw new DomainException(CoreText.Format("Pricing.ConsumptionSlpTooHigh", Consumption.MaxSlpKwh), field);
            return;
        }
        if (peak <= 0m) throw new DomainException(CoreText.Get("Pricing.PeakLoadPositive"), nameof(Consumption.PeakLoadKw));
        if (consumption.AnnualKwh / peak > MaxHoursPerYear)
            throw new DomainException(CoreText.Format("Pricing.UtilisationImpossible", consumption.AnnualKwh / peak), nameof(Consumption.PeakLoadKw));
    }

    private static void NotNegative(decimal value, string field, string? labelKey = null)
    {
        if (value < 0m) throw new DomainException(CoreText.Format("Pricing.Negative", CoreText.Get(labelKey ?? "Pricing.Field." + field)), field);
    }
}
