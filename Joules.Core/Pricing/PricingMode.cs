namespace Joules.Core.Pricing;

/// <summary>What a tariff's prices contain, which decides how <see cref="TariffCostCalculator"/> builds the breakdown.</summary>
public enum PricingMode
{
    /// <summary>The tariff's prices already contain grid fees, metering, concession fee, levies and electricity or
    /// energy tax (the usual end-customer price sheet). The location's components are shown inside the price and the
    /// supplier's energy share is the remainder; the total is the tariff's price alone.</summary>
    AllInclusive = 0,

    /// <summary>The tariff's prices are only the supplier's energy share. Grid fees, metering, concession fee, levies
    /// and taxes of the location are added on top (typical for business customers and RLM offers).</summary>
    PassThrough = 1,
}

/// <summary>How consumption bands price the annual consumption (domain.md §2.4, E-Control's definitions).</summary>
public enum BandModel
{
    /// <summary>Staffelmodell: the band that contains the total consumption prices the whole quantity.</summary>
    Staffel = 0,

    /// <summary>Zonenmodell: every band prices only its own slice of the consumption.</summary>
    Zonen = 1,
}

/// <summary>Whether a new-customer bonus is a fixed amount or a percentage of the first-year cost.</summary>
public enum BonusKind
{
    /// <summary>A fixed amount in € (net).</summary>
    Fixed = 0,

    /// <summary>A percentage of the first-year cost without bonuses (net; gross follows with the VAT rate).</summary>
    Percent = 1,
}
