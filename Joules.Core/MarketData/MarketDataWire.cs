using System.Text.Json;
using System.Text.Json.Serialization;

namespace Joules.Core.MarketData;

// The wire DTOs of Joules' market data JSON (docs/market-data-wire.md). Everything is nullable: a missing field is a
// malformed answer, found by the validation in JsonMarketDataClient, not a crash.

internal sealed record WireParty(string? Code, string? Name);

internal sealed record WireStreet(string? Name, int? HouseNumberFrom, int? HouseNumberTo);

internal sealed record WireCandidate(string? GridAreaId, string? GridAreaName, WireParty? GridOperator, WireParty? DefaultSupplier,
    int? ConcessionClass, string? ConcessionClassName, IReadOnlyList<WireStreet>? Streets);

internal sealed record WireLocation(string? Source, string? PostalCode, string? City, string? Commodity, bool? Ambiguous, bool? StreetMatched,
    IReadOnlyList<WireCandidate>? Candidates, DateOnly? ValidFrom, DateOnly? ValidTo, DateOnly? PublishedAt);

internal sealed record WireBand(int? FromHours, int? ToHours, decimal? CapacityPriceEurPerKwYear, decimal? WorkingPriceCtPerKwh);

internal sealed record WireGridFees(string? Source, string? GridAreaId, string? GridAreaName, WireParty? GridOperator, string? Commodity,
    string? Metering, DateOnly? ValidFrom, DateOnly? ValidTo, DateOnly? PublishedAt, decimal? WorkingPriceCtPerKwh, decimal? BasePriceEurPerYear,
    decimal? MeteringEurPerYear, int? UtilizationThresholdHours, IReadOnlyList<WireBand>? Bands, int? ConcessionClass,
    string? ConcessionClassName, decimal? ConcessionFeeCtPerKwh, decimal? ConcessionFeeSpecialCtPerKwh, decimal? ConcessionFeeOffPeakCtPerKwh = null,
    WireControllableDevices? ControllableDevices = null);

internal sealed record WireControllableDevices(decimal? Module1ReductionEurPerYear, decimal? Module2WorkingPriceCtPerKwh);

internal sealed record WireLevy(string? Code, string? Name, decimal? CtPerKwh);

internal sealed record WireLevies(string? Source, string? Commodity, DateOnly? ValidFrom, DateOnly? ValidTo, DateOnly? PublishedAt,
    IReadOnlyList<WireLevy>? Levies, WireLevy? Tax, decimal? VatPercent);

internal sealed record WireDefaultSupply(string? Source, string? GridAreaId, string? GridAreaName, string? Commodity, DateOnly? ValidFrom,
    DateOnly? ValidTo, DateOnly? PublishedAt, WireParty? Supplier, string? TariffName, decimal? WorkingPriceCtPerKwh, decimal? BasePriceEurPerYear);

internal sealed record WireBonus(string? Kind, decimal? AmountEur, decimal? Percent);

internal sealed record WireTariff(string? TariffId, WireParty? Provider, string? TariffName, decimal? BasePriceEurPerYear,
    decimal? WorkingPriceCtPerKwh, WireBonus? NewCustomerBonus, decimal? InstantBonusEur, int? PriceGuaranteeMonths, string? PriceGuaranteeType,
    int? MinimumTermMonths);

internal sealed record WireCompetitors(string? Source, string? GridAreaId, string? GridAreaName, string? Commodity, string? CustomerType,
    DateOnly? ValidFrom, DateOnly? ValidTo, DateOnly? PublishedAt, IReadOnlyList<WireTariff>? Tariffs);

internal sealed record WireError(string? Code, string? Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WireLocation))]
[JsonSerializable(typeof(WireGridFees))]
[JsonSerializable(typeof(WireLevies))]
[JsonSerializable(typeof(WireDefaultSupply))]
[JsonSerializable(typeof(WireCompetitors))]
[JsonSerializable(typeof(WireError))]
internal sealed partial class MarketDataWireJson : JsonSerializerContext;

/// <summary>JSON of the Core answers as kept in the store (<c>MarketDataCacheEntry.Payload</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MarketLocation))]
[JsonSerializable(typeof(GridFeeSheet))]
[JsonSerializable(typeof(LevySheet))]
[JsonSerializable(typeof(DefaultSupplyTariff))]
[JsonSerializable(typeof(CompetitorTariffList))]
internal sealed partial class MarketDataStoreJson : JsonSerializerContext;
