using System.Globalization;
using Joules.Core.Domain.Common;

namespace Joules.Core.MarketData;

/// <summary>A request for market data: what is asked, and for which day (<see cref="Date"/>; null = today).</summary>
public abstract record MarketDataQuery
{
    /// <summary>The day the data must be valid on (Stichtag); null = today (UTC).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The kind of answer as stored (<c>location</c>, <c>grid-fees</c>, <c>levies</c>, <c>default-supply</c>, <c>competitors</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The request without provider and date, e.g. <c>grid-fees|STR-0001|power|slp|</c> (part of the store key).</summary>
    public string RequestKey => string.Join('|', [Kind, .. Parameters().Where(p => p.Key != "date").Select(p => p.Value ?? "")]);

    /// <summary>Path below the provider's base URL.</summary>
    internal abstract string Path { get; }

    /// <summary>Query parameters in wire form (null values are left out).</summary>
    internal abstract IEnumerable<KeyValuePair<string, string?>> Parameters();

    /// <summary>Checks the input before any call.</summary>
    /// <exception cref="MarketDataNotFoundException">A parameter is missing or malformed (<see cref="MarketDataNotFoundException.InvalidRequest"/>).</exception>
    internal abstract void Validate();

    internal KeyValuePair<string, string?> DateParameter() =>
        new("date", Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    internal static string Wire(MarketCommodity c) => c == MarketCommodity.Gas ? "gas" : "power";

    internal static void RequireGridArea(string gridAreaId)
    {
        if (string.IsNullOrWhiteSpace(gridAreaId) || gridAreaId.Length > 60)
            throw new MarketDataNotFoundException(CoreText.Get("MarketData.GridAreaRequired"), invalidRequest: true);
    }
}

/// <summary>Address → grid areas.</summary>
/// <param name="PostalCode">Five-digit postal code.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="Street">Street, when the postal code alone is ambiguous.</param>
/// <param name="HouseNumber">House number, when the street is split between areas.</param>
/// <param name="City">City (informational).</param>
public sealed record LocationQuery(string PostalCode, MarketCommodity Commodity, string? Street = null, string? HouseNumber = null, string? City = null)
    : MarketDataQuery
{
    /// <inheritdoc />
    public override string Kind => "location";

    internal override string Path => "v1/locations";

    internal override IEnumerable<KeyValuePair<string, string?>> Parameters() =>
    [
        new("postalCode", PostalCode.Trim()), new("commodity", Wire(Commodity)),
        new("street", Blank(Street)), new("houseNumber", Blank(HouseNumber)),
    ];

    internal override void Validate()
    {
        var code = PostalCode?.Trim() ?? "";
        if (code.Length != 5 || !code.All(char.IsAsciiDigit))
            throw new MarketDataNotFoundException(CoreText.Get("MarketData.PostalCodeInvalid"), invalidRequest: true);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Grid fees of an area.</summary>
/// <param name="GridAreaId">From a location answer.</param>
/// <param name="Commodity">Must match the area.</param>
/// <param name="Metering">SLP or RLM.</param>
/// <param name="PostalCode">Optional: this postal code's concession class instead of the area's predominant one.</param>
public sealed record GridFeeQuery(string GridAreaId, MarketCommodity Commodity, MarketMetering Metering, string? PostalCode = null) : MarketDataQuery
{
    /// <inheritdoc />
    public override string Kind => "grid-fees";

    internal override string Path => "v1/grid-fees";

    internal override IEnumerable<KeyValuePair<string, string?>> Parameters() =>
    [
        new("gridAreaId", GridAreaId.Trim()), new("commodity", Wire(Commodity)), new("metering", Metering == MarketMetering.Rlm ? "rlm" : "slp"),
        new("postalCode", string.IsNullOrWhiteSpace(PostalCode) ? null : PostalCode.Trim()), DateParameter(),
    ];

    internal override void Validate() => RequireGridArea(GridAreaId);
}

/// <summary>Levies, taxes and VAT rate.</summary>
/// <param name="Commodity">Power or gas.</param>
public sealed record LevyQuery(MarketCommodity Commodity) : MarketDataQuery
{
    /// <inheritdoc />
    public override string Kind => "levies";

    internal override string Path => "v1/levies";

    internal override IEnumerable<KeyValuePair<string, string?>> Parameters() => [new("commodity", Wire(Commodity)), DateParameter()];

    internal override void Validate() { }
}

/// <summary>The default supply tariff of an area.</summary>
/// <param name="GridAreaId">Grid area id.</param>
/// <param name="Commodity">Power or gas.</param>
public sealed record DefaultSupplyQuery(string GridAreaId, MarketCommodity Commodity) : MarketDataQuery
{
    /// <inheritdoc />
    public override string Kind => "default-supply";

    internal override string Path => "v1/default-supply";

    internal override IEnumerable<KeyValuePair<string, string?>> Parameters() =>
        [new("gridAreaId", GridAreaId.Trim()), new("commodity", Wire(Commodity)), DateParameter()];

    internal override void Validate() => RequireGridArea(GridAreaId);
}

/// <summary>The competitors' tariffs of an area.</summary>
/// <param name="GridAreaId">Grid area id.</param>
/// <param name="Commodity">Power or gas.</param>
/// <param name="CustomerType">Household (default) or business.</param>
public sealed record CompetitorQuery(string GridAreaId, MarketCommodity Commodity, MarketCustomerType CustomerType = MarketCustomerType.Household)
    : MarketDataQuery
{
    /// <inheritdoc />
    public override string Kind => "competitors";

    internal override string Path => "v1/competitors";

    internal override IEnumerable<KeyValuePair<string, string?>> Parameters() =>
    [
        new("gridAreaId", GridAreaId.Trim()), new("commodity", Wire(Commodity)),
        new("customerType", CustomerType == MarketCustomerType.Business ? "business" : "household"), DateParameter(),
    ];

    internal override void Validate() => RequireGridArea(GridAreaId);
}
