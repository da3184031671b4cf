using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.MarketData;
using Joules.Core.Pricing;

namespace Joules.Core.UseCases.Tariffs;

/// <summary>What the tariff calculator is asked (DAT-5/DAT-7): a brand's tariffs for one address and consumption.</summary>
/// <param name="BrandId">The brand whose tariffs are priced.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="CustomerType">Household or business.</param>
/// <param name="PostalCode">Postal code of the delivery address.</param>
/// <param name="AnnualKwh">Annual consumption in kWh.</param>
/// <param name="Street">Street, needed where the postal code spans several grid areas.</param>
/// <param name="HouseNumber">House number, needed where a street is split between grid areas.</param>
/// <param name="Date">The day prices and market data must be valid on; null = today.</param>
/// <param name="PeakLoadKw">Annual peak load in kW for interval-metered (RLM) supply points; null = standard load profile.</param>
/// <param name="RankWithBonuses">Rank by first-year cost with bonuses (portal default) or without.</param>
/// <param name="Usage">General supply, or the separately metered heat pump or night storage heating the power is for: only
/// tariffs of that usage are priced, with the reduced grid fees of § 14a EnWG (module 2); night storage pays the off-peak
/// concession fee. Competitor lists and the default supply are general household offers, so a heating calculation has no
/// rank and no savings.</param>
public sealed record TariffCalculationRequest(Guid BrandId, Commodity Commodity, CustomerType CustomerType, string PostalCode, decimal AnnualKwh,
    string? Street = null, string? HouseNumber = null, DateOnly? Date = null, decimal? PeakLoadKw = null, bool RankWithBonuses = true,
    TariffUsage Usage = TariffUsage.General);

/// <summary>One of our tariffs priced at the location.</summary>
/// <param name="TariffId">The tariff.</param>
/// <param name="Code">Tariff code.</param>
/// <param name="Name">Tariff name.</param>
/// <param name="MinimumTermMonths">Minimum term.</param>
/// <param name="PriceGuaranteeMonths">Price guarantee.</param>
/// <param name="PriceListId">The price list version used.</param>
/// <param name="Breakdown">Cost with every component, first-year and later-year cost, instalment.</param>
/// <param name="Rank">Rank among the competitors at this consumption (1 = cheapest); null without competitor data.</param>
/// <param name="SavingsAgainstDefaultSupply">Savings against the default supplier's tariff; null without that data.</param>
public sealed record CalculatedTariff(Guid TariffId, string Code, string Name, int MinimumTermMonths, int PriceGuaranteeMonths, Guid PriceListId,
    CostBreakdown Breakdown, int? Rank, Savings? SavingsAgainstDefaultSupply);

/// <summary>A competitor's tariff priced at the same consumption.</summary>
public sealed record CalculatedCompetitor(string Provider, string TariffName, CostBreakdown Breakdown, int PriceGuaranteeMonths, int MinimumTermMonths);

/// <summary>The calculator's answer.</summary>
/// <param name="NeedsStreet">The postal code spans several grid areas: ask for the street (and house number) and
/// calculate again; <see cref="Streets"/> lists the choices. Our tariffs are then priced without the location's
/// components (no breakdown into grid fees and levies, no rank).</param>
/// <param name="Streets">Street choices when <paramref name="NeedsStreet"/>.</param>
/// <param name="GridArea">The grid area, once known.</param>
/// <param name="Tariffs">Our tariffs, cheapest first-year cost first.</param>
/// <param name="DefaultSupply">The default supplier's tariff at this consumption, if known.</param>
/// <param name="DefaultSupplier">Name of the default supplier, if known.</param>
/// <param name="Competitors">Competitors at this consumption, cheapest first.</param>
/// <param name="Sources">Where the market data came from, with validity and whether it was stored or stale.</param>
/// <param name="MarketDataProblems">Market data that could not be had (outage, unknown postal code): the calculator
/// still prices our tariffs and says what is missing; nothing is guessed.</param>
public sealed record TariffCalculation(bool NeedsStreet, IReadOnlyList<MarketStreet> Streets, GridAreaCandidate? GridArea,
    IReadOnlyList<CalculatedTariff> Tariffs, CostBreakdown? DefaultSupply, string? DefaultSupplier, IReadOnlyList<CalculatedCompetitor> Competitors,
    IReadOnlyList<MarketDataSource> Sources, IReadOnlyList<string> MarketDataProblems);
