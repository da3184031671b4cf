using Joules.Core.Pricing;

namespace Joules.Core.Tests.Pricing;

/// <summary>Shared inputs: a 2026 low-voltage location with the levies of domain.md §2.5.</summary>
internal static class PricingFixtures
{
    /// <summary>Gross-to-net factor at 19 % VAT.</summary>
    public const decimal Vat19 = 1.19m;

    /// <summary>Grid AP 8.00 ct, grid GP 70 €/a, metering 25 €/a, KA 1.99 ct (≤ 500k inhabitants), KWKG 0.446,
    /// Offshore 0.941, § 19 surcharge 1.559, Stromsteuer 2.05 ct/kWh, VAT 19 %. Per-kWh statutory sum: 14.986 ct.</summary>
    public static LocationCharges Location2026() => new()
    {
        GridWorkingPriceCtPerKwh = 8.00m,
        GridBasePricePerYear = 70m,
        MeteringPerYear = 25m,
        ConcessionFeeCtPerKwh = 1.99m,
        Levies =
        [
            new Levy("KWKG", "KWKG-Umlage", 0.446m),
            new Levy("OFFSHORE", "Offshore-Netzumlage", 0.941m),
            new Levy("NEV19", "Aufschlag für besondere Netznutzung", 1.559m),
        ],
        EnergyTaxCtPerKwh = 2.05m,
        VatPercent = 19m,
    };

    /// <summary>The Appendix B tariff: GP 12.90 €/month gross, AP 28.50 ct gross, Neukundenbonus 60 € and Sofortbonus
    /// 50 € (gross), all converted to net at 19 % because the engine works in net.</summary>
    public static TariffPrices AppendixB(decimal workingPriceGrossCt = 28.50m) => new()
    {
        Mode = PricingMode.AllInclusive,
        BasePricePerYear = 12.90m * 12m / Vat19,
        WorkingPriceCtPerKwh = workingPriceGrossCt / Vat19,
        NewCustomerBonus = NewCustomerBonus.Fixed(60m / Vat19),
        InstantBonus = 50m / Vat19,
    };
}
