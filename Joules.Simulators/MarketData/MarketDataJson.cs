using System.Text.Json;
using System.Text.Json.Serialization;

namespace Joules.Simulators.MarketData;

/// <summary>An error answer: <c>{ "code": "POSTAL_CODE_NOT_FOUND", "message": "…" }</c>.</summary>
internal sealed record MarketError(string Code, string Message);

internal sealed record PostalCodeCountAnswer(string Source, int Count, DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt);

internal sealed record StreetAnswer(string Name, int? HouseNumberFrom, int? HouseNumberTo);

internal sealed record LocationCandidate(string GridAreaId, string GridAreaName, MarketParty GridOperator, MarketParty DefaultSupplier,
    int ConcessionClass, string ConcessionClassName, StreetAnswer[]? Streets);

internal sealed record LocationAnswer(string Source, string PostalCode, string City, string Commodity, bool Ambiguous, bool? StreetMatched,
    LocationCandidate[] Candidates, DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt);

internal sealed record GridAreaItem(string GridAreaId, string GridAreaName, MarketParty GridOperator, MarketParty DefaultSupplier,
    int ConcessionClass, int PostalCodeCount);

internal sealed record GridAreasAnswer(string Source, string Commodity, GridAreaItem[] GridAreas, DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt);

internal sealed record GridFeeAnswer(string Source, string GridAreaId, string GridAreaName, MarketParty GridOperator, string Commodity,
    string Metering, DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt, decimal? WorkingPriceCtPerKwh, decimal? BasePriceEurPerYear,
    decimal MeteringEurPerYear, int? UtilizationThresholdHours, RlmBand[]? Bands, int ConcessionClass, string ConcessionClassName,
    decimal ConcessionFeeCtPerKwh, decimal ConcessionFeeSpecialCtPerKwh, decimal? ConcessionFeeOffPeakCtPerKwh, ControllableDeviceFees? ControllableDevices);

/// <summary>§ 14a EnWG grid fee variants of a separately metered controllable device (heat pump, night storage): module 1
/// flat reduction of the yearly grid fee, module 2 reduced working price (60 % off the SLP working price).</summary>
internal sealed record ControllableDeviceFees(decimal Module1ReductionEurPerYear, decimal Module2WorkingPriceCtPerKwh);

internal sealed record LeviesAnswer(string Source, string Commodity, DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt,
    Levy[] Levies, Levy Tax, decimal VatPercent);

internal sealed record DefaultSupplyAnswer(string Source, string GridAreaId, string GridAreaName, string Commodity, DateOnly ValidFrom,
    DateOnly ValidTo, DateOnly PublishedAt, MarketParty Supplier, string TariffName, decimal WorkingPriceCtPerKwh, decimal BasePriceEurPerYear);

internal sealed record CompetitorsAnswer(string Source, string GridAreaId, string GridAreaName, string Commodity, string CustomerType,
    DateOnly ValidFrom, DateOnly ValidTo, DateOnly PublishedAt, CompetitorTariff[] Tariffs);

/// <summary>Source-generated serialisation of the market data answers (camelCase, web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MarketError))]
[JsonSerializable(typeof(PostalCodeCountAnswer))]
[JsonSerializable(typeof(LocationAnswer))]
[JsonSerializable(typeof(GridAreasAnswer))]
[JsonSerializable(typeof(GridFeeAnswer))]
[JsonSerializable(typeof(LeviesAnswer))]
[JsonSerializable(typeof(DefaultSupplyAnswer))]
[JsonSerializable(typeof(CompetitorsAnswer))]
internal sealed partial class MarketDataJson : JsonSerializerContext;
