namespace Joules.Core.Pricing;

/// <summary>The supplier's prices of one tariff, as input to <see cref="TariffCostCalculator"/>. All amounts are
/// <b>net</b> (without VAT); the calculator derives gross with the location's VAT rate.</summary>
/// <remarks>
/// <para>The working price is given in one of three shapes: a single <see cref="WorkingPriceCtPerKwh"/>; an HT/NT pair
/// (<see cref="WorkingPriceCtPerKwh"/> is then the HT price, plus <see cref="LowTariffWorkingPriceCtPerKwh"/> and
/// <see cref="HighTariffShare"/>); or consumption <see cref="Bands"/> with a <see cref="BandModel"/>, in which case the
/// bands carry the working prices and <see cref="WorkingPriceCtPerKwh"/> is not used. Bands and HT/NT cannot be combined.</para>
/// <para>Bonuses are price reductions (Entgeltminderung): they are net amounts too, and their gross value is
/// net × (1 + VAT). To enter an advertised gross bonus, divide it by 1 + VAT.</para>
/// </remarks>
public sealed record TariffPrices
{
    /// <summary>What the prices contain: see <see cref="PricingMode"/>.</summary>
    public required PricingMode Mode { get; init; }

    /// <summary>Grundpreis in € per year, net. In the Staffel model a band may override it.</summary>
    public required decimal BasePricePerYear { get; init; }

    /// <summary>Arbeitspreis in ct/kWh, net (4 decimals are kept as given). With an NT price this is the HT price.
    /// Not used when <see cref="Bands"/> are given.</summary>
    public decimal WorkingPriceCtPerKwh { get; init; }

    /// <summary>Optional NT (Niedertarif) working price in ct/kWh, net, for double-tariff meters.</summary>
    public decimal? LowTariffWorkingPriceCtPerKwh { get; init; }

    /// <summary>The share of the consumption at the HT price, 0..1 (e.g. 0.6). Required with an NT price.</summary>
    public decimal? HighTariffShare { get; init; }

    /// <summary>How <see cref="Bands"/> price the consumption.</summary>
    public BandModel BandModel { get; init; } = BandModel.Staffel;

    /// <summary>Optional consumption bands in ascending order: the first starts at 0 kWh, each next one starts where
    /// the previous one ends, and the last one is open-ended. Empty when the tariff has no bands.</summary>
    public IReadOnlyList<ConsumptionBand> Bands { get; init; } = [];

    /// <summary>Optional Neukundenbonus, paid for the first year only.</summary>
    public NewCustomerBonus? NewCustomerBonus { get; init; }

    /// <summary>Sofortbonus in €, net; first year only, independent of the consumption.</summary>
    public decimal InstantBonus { get; init; }

    /// <summary>Freikilowattstunden in the first year. Their value is the free quantity (at most the annual
    /// consumption) times the average all-in working price per kWh of the breakdown.</summary>
    public decimal FreeKwh { get; init; }

    /// <summary>The prices of one of our price lists: all-inclusive net prices per delivery area, with its
    /// Neukundenbonus (fixed) and Sofortbonus.</summary>
    public static TariffPrices AllInclusive(Joules.Core.Domain.Tariffs.PriceList list) =>
        Flat(PricingMode.AllInclusive, list.BasePricePerYear, list.EnergyPriceCtPerKwh) with
        {
            NewCustomerBonus = list.NewCustomerBonus > 0 ? NewCustomerBonus.Fixed(list.NewCustomerBonus) : null,
            InstantBonus = list.InstantBonus,
        };

    /// <summary>A tariff with one working price.</summary>
    public static TariffPrices Flat(PricingMode mode, decimal basePricePerYear, decimal workingPriceCtPerKwh) =>
        new() { Mode = mode, BasePricePerYear = basePricePerYear, WorkingPriceCtPerKwh = workingPriceCtPerKwh };

    /// <summary>A double-tariff (HT/NT) tariff; <paramref name="highTariffShare"/> is the HT share of the consumption, 0..1.</summary>
    public static TariffPrices TimeOfUse(PricingMode mode, decimal basePricePerYear, decimal highCtPerKwh, decimal lowCtPerKwh, decimal highTariffShare) =>
        new()
        {
            Mode = mode, BasePricePerYear = basePricePerYear, WorkingPriceCtPerKwh = highCtPerKwh,
            LowTariffWorkingPriceCtPerKwh = lowCtPerKwh, HighTariffShare = highTariffShare,
        };

    /// <summary>A tariff whose working price depends on consumption bands.</summary>
    public static TariffPrices Banded(PricingMode mode, decimal basePricePerYear, BandModel model, params ConsumptionBand[] bands) =>
        new() { Mode = mode, BasePricePerYear = basePricePerYear, BandModel = model, Bands = bands };
}

/// <summary>One consumption band of a tariff. It covers consumptions above <see cref="FromKwh"/> up to and including
/// <see cref="ToKwh"/>; the first band starts at 0 kWh and so covers everything from the first kWh.</summary>
/// <param name="FromKwh">Lower bound in kWh (exclusive, except that the first band starts at 0).</param>
/// <param name="ToKwh">Upper bound in kWh (inclusive); null for the open-ended last band.</param>
/// <param name="WorkingPriceCtPerKwh">Arbeitspreis of this band in ct/kWh, net.</param>
/// <param name="BasePricePerYear">Staffel model only: a Grundpreis in €/year, net, that replaces the tariff's one when
/// this band applies. Must be null in the Zonen model, where one Grundpreis applies to all zones.</param>
public sealed record ConsumptionBand(decimal FromKwh, decimal? ToKwh, decimal WorkingPriceCtPerKwh, decimal? BasePricePerYear = null);

/// <summary>A Neukundenbonus: a fixed amount or a percentage of the first-year cost without bonuses.</summary>
/// <param name="Kind">Fixed amount or percentage.</param>
/// <param name="Value">€ net for <see cref="BonusKind.Fixed"/>; percent (e.g. 10 for 10 %) for <see cref="BonusKind.Percent"/>.</param>
public sealed record NewCustomerBonus(BonusKind Kind, decimal Value)
{
    /// <summary>A fixed bonus in € (net).</summary>
    public static NewCustomerBonus Fixed(decimal euroNet) => new(BonusKind.Fixed, euroNet);

    /// <summary>A bonus of <paramref name="percent"/> % of the first-year cost without bonuses.</summary>
    public static NewCustomerBonus Percent(decimal percent) => new(BonusKind.Percent, percent);
}
