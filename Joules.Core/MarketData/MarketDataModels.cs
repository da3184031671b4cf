namespace Joules.Core.MarketData;

/// <summary>Energy type of a market data request.</summary>
public enum MarketCommodity
{
    /// <summary>Strom.</summary>
    Power = 0,

    /// <summary>Gas.</summary>
    Gas = 1,
}

/// <summary>Metering of a grid fee sheet.</summary>
public enum MarketMetering
{
    /// <summary>Standardlastprofil.</summary>
    Slp = 0,

    /// <summary>Registrierende Leistungsmessung.</summary>
    Rlm = 1,
}

/// <summary>Customer group of a competitor list.</summary>
public enum MarketCustomerType
{
    /// <summary>Haushaltskunde.</summary>
    Household = 0,

    /// <summary>Gewerbekunde.</summary>
    Business = 1,
}

/// <summary>Where an answer comes from and how old it is.</summary>
/// <param name="Provider">Provider code (<c>enet</c>, <c>getag</c>).</param>
/// <param name="ValidFrom">First day the data is valid (from the provider).</param>
/// <param name="ValidTo">Last day the data is valid.</param>
/// <param name="PublishedAt">When the provider published the data.</param>
/// <param name="FetchedAt">When Joules fetched it from the provider.</param>
public sealed record MarketDataSource(string Provider, DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt, DateTimeOffset FetchedAt)
{
    /// <summary>True when the answer was served from Joules' store instead of a new call.</summary>
    public bool FromStore { get; init; }

    /// <summary>True when the answer was served from the store because every provider failed (it may be outdated).</summary>
    public bool Stale { get; init; }

    /// <summary>Why the stored answer is served (<see cref="Stale"/>): each provider's reason; null otherwise.</summary>
    public string? StaleReason { get; init; }

    /// <summary>True when the data is valid on <paramref name="date"/>.</summary>
    public bool IsValidOn(DateOnly date) => ValidFrom <= date && date <= ValidTo;
}

/// <summary>An answer of a market data provider with its provenance.</summary>
public interface IMarketDataAnswer
{
    /// <summary>Provider, validity and fetch time; whether it came from the store and is stale.</summary>
    MarketDataSource Source { get; }
}

/// <summary>A market partner: 13-digit code and name.</summary>
public sealed record MarketParty(string Code, string Name);

/// <summary>A street of a grid area, optionally only a range of house numbers (inclusive; <see cref="HouseNumberTo"/>
/// null = open end).</summary>
public sealed record MarketStreet(string Name, int? HouseNumberFrom, int? HouseNumberTo);

/// <summary>A grid area an address may lie in.</summary>
/// <param name="GridAreaId">Provider's grid area id.</param>
/// <param name="GridAreaName">Name of the grid area.</param>
/// <param name="GridOperator">Netzbetreiber.</param>
/// <param name="DefaultSupplier">Grundversorger.</param>
/// <param name="ConcessionClass">KAV population class 1–4.</param>
/// <param name="ConcessionClassName">German name of the class.</param>
/// <param name="Streets">The area's streets when the answer is ambiguous, else empty.</param>
public sealed record GridAreaCandidate(string GridAreaId, string GridAreaName, MarketParty GridOperator, MarketParty DefaultSupplier,
    int ConcessionClass, string ConcessionClassName, IReadOnlyList<MarketStreet> Streets);

/// <summary>Address → grid areas (Netzgebietsermittlung).</summary>
/// <param name="PostalCode">Postleitzahl.</param>
/// <param name="City">Ort.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="Ambiguous">More than one candidate: ask for the street (and house number) and call again.</param>
/// <param name="StreetMatched">Null without street or when the street does not matter; true/false when the street is known/unknown.</param>
/// <param name="Candidates">The grid areas (one when the address decides it).</param>
/// <param name="Source">Provenance.</param>
public sealed record MarketLocation(string PostalCode, string City, MarketCommodity Commodity, bool Ambiguous, bool? StreetMatched,
    IReadOnlyList<GridAreaCandidate> Candidates, MarketDataSource Source) : IMarketDataAnswer;

/// <summary>One RLM band of utilisation hours (<see cref="ToHours"/> exclusive, null = open).</summary>
public sealed record GridFeeBand(int FromHours, int? ToHours, decimal CapacityPriceEurPerKwYear, decimal WorkingPriceCtPerKwh);

/// <summary>Grid fees of an area (Preisblatt), net of VAT.</summary>
/// <param name="GridAreaId">Grid area id.</param>
/// <param name="GridAreaName">Grid area name.</param>
/// <param name="GridOperator">Netzbetreiber.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="Metering">SLP or RLM.</param>
/// <param name="WorkingPriceCtPerKwh">SLP Arbeitspreis (ct/kWh); null for RLM.</param>
/// <param name="BasePriceEurPerYear">SLP Grundpreis (€/a); null for RLM.</param>
/// <param name="MeteringEurPerYear">Messstellenbetrieb (€/a).</param>
/// <param name="UtilizationThresholdHours">RLM power: split of the bands (h/a); else null.</param>
/// <param name="Bands">RLM bands; empty for SLP.</param>
/// <param name="ConcessionClass">Concession class used.</param>
/// <param name="ConcessionClassName">Its German name.</param>
/// <param name="ConcessionFeeCtPerKwh">Konzessionsabgabe for tariff customers.</param>
/// <param name="ConcessionFeeSpecialCtPerKwh">Konzessionsabgabe for special contract customers.</param>
/// <param name="Source">Provenance.</param>
public sealed record GridFeeSheet(string GridAreaId, string GridAreaName, MarketParty GridOperator, MarketCommodity Commodity, MarketMetering Metering,
    decimal? WorkingPriceCtPerKwh, decimal? BasePriceEurPerYear, decimal MeteringEurPerYear, int? UtilizationThresholdHours,
    IReadOnlyList<GridFeeBand> Bands, int ConcessionClass, string ConcessionClassName, decimal ConcessionFeeCtPerKwh,
    decimal ConcessionFeeSpecialCtPerKwh, MarketDataSource Source) : IMarketDataAnswer
{
    /// <summary>Konzessionsabgabe for off-peak power (Schwachlast, e.g. night storage heating); null when not given.</summary>
    public decimal? ConcessionFeeOffPeakCtPerKwh { get; init; }

    /// <summary>The § 14a EnWG variants for separately metered controllable devices (heat pumps, night storage); null when
    /// the provider gives none (gas, RLM, or not published).</summary>
    public ControllableDeviceFees? ControllableDevices { get; init; }
}

/// <summary>Reduced grid fees of a controllable consumption device under § 14a EnWG (SLP power).</summary>
/// <param name="Module1ReductionEurPerYear">Module 1: flat reduction of the yearly grid fee (€/a).</param>
/// <param name="Module2WorkingPriceCtPerKwh">Module 2: the reduced grid working price of a separately metered device (ct/kWh).</param>
public sealed record ControllableDeviceFees(decimal Module1ReductionEurPerYear, decimal Module2WorkingPriceCtPerKwh);

/// <summary>A levy or tax in ct/kWh.</summary>
public sealed record MarketLevy(string Code, string Name, decimal CtPerKwh);

/// <summary>Statutory levies, electricity/energy tax and VAT rate.</summary>
/// <param name="Commodity">Power or gas.</param>
/// <param name="Levies">Umlagen (zero values included).</param>
/// <param name="Tax">Strom- or Energiesteuer.</param>
/// <param name="VatPercent">Umsatzsteuer in percent.</param>
/// <param name="Source">Provenance.</param>
public sealed record LevySheet(MarketCommodity Commodity, IReadOnlyList<MarketLevy> Levies, MarketLevy Tax, decimal VatPercent,
    MarketDataSource Source) : IMarketDataAnswer;

/// <summary>The default supplier's tariff (Grundversorgung), all-in net end-customer prices.</summary>
/// <param name="GridAreaId">Grid area id.</param>
/// <param name="GridAreaName">Grid area name.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="Supplier">Grundversorger.</param>
/// <param name="TariffName">Name of the tariff.</param>
/// <param name="WorkingPriceCtPerKwh">Arbeitspreis net (ct/kWh).</param>
/// <param name="BasePriceEurPerYear">Grundpreis net (€/a).</param>
/// <param name="Source">Provenance.</param>
public sealed record DefaultSupplyTariff(string GridAreaId, string GridAreaName, MarketCommodity Commodity, MarketParty Supplier, string TariffName,
    decimal WorkingPriceCtPerKwh, decimal BasePriceEurPerYear, MarketDataSource Source) : IMarketDataAnswer;

/// <summary>A competitor's Neukundenbonus: <c>fixed</c> with <see cref="AmountEur"/> or <c>percent</c> with <see cref="Percent"/> of the first-year cost.</summary>
public sealed record CompetitorBonus(string Kind, decimal? AmountEur, decimal? Percent);

/// <summary>A competitor's tariff, all-in net end-customer prices.</summary>
/// <param name="TariffId">Stable id.</param>
/// <param name="Provider">The competitor.</param>
/// <param name="TariffName">Tariff name.</param>
/// <param name="BasePriceEurPerYear">Grundpreis net.</param>
/// <param name="WorkingPriceCtPerKwh">Arbeitspreis net.</param>
/// <param name="NewCustomerBonus">Neukundenbonus or null.</param>
/// <param name="InstantBonusEur">Sofortbonus or null.</param>
/// <param name="PriceGuaranteeMonths">Preisgarantie in months (0 = none).</param>
/// <param name="PriceGuaranteeType"><c>full</c>, <c>excludingTaxesAndLevies</c>, <c>energyOnly</c> or null.</param>
/// <param name="MinimumTermMonths">Mindestlaufzeit in months.</param>
public sealed record CompetitorTariff(string TariffId, MarketParty Provider, string TariffName, decimal BasePriceEurPerYear,
    decimal WorkingPriceCtPerKwh, CompetitorBonus? NewCustomerBonus, decimal? InstantBonusEur, int PriceGuaranteeMonths,
    string? PriceGuaranteeType, int MinimumTermMonths);

/// <summary>The competitors' tariffs in a grid area.</summary>
/// <param name="GridAreaId">Grid area id.</param>
/// <param name="GridAreaName">Grid area name.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="CustomerType">Household or business.</param>
/// <param name="Tariffs">The tariffs, in the provider's order.</param>
/// <param name="Source">Provenance.</param>
public sealed record CompetitorTariffList(string GridAreaId, string GridAreaName, MarketCommodity Commodity, MarketCustomerType CustomerType,
    IReadOnlyList<CompetitorTariff> Tariffs, MarketDataSource Source) : IMarketDataAnswer;
