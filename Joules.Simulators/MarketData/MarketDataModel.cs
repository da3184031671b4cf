namespace Joules.Simulators.MarketData;

/// <summary>Power (Strom) or gas (Gas); in the API <c>power</c> / <c>gas</c>.</summary>
internal enum Commodity { Power = 0, Gas = 1 }

/// <summary>Standard load profile (SLP) or interval metering (RLM); in the API <c>slp</c> / <c>rlm</c>.</summary>
internal enum Metering { Slp = 0, Rlm = 1 }

/// <summary>Household (Haushaltskunde) or business customer (Gewerbekunde); in the API <c>household</c> / <c>business</c>.</summary>
internal enum CustomerType { Household = 0, Business = 1 }

/// <summary>A market partner (grid operator, default supplier, competitor provider) with its 13-digit code.</summary>
/// <param name="Code">13-digit BDEW-style code (99… power or both, 98… gas only); fictional.</param>
/// <param name="Name">Company name; fictional.</param>
public sealed record MarketParty(string Code, string Name);

/// <summary>One price band of an RLM grid fee sheet (Benutzungsdauer from/to hours per year).</summary>
/// <param name="FromHours">Lower bound of the annual utilisation hours (inclusive).</param>
/// <param name="ToHours">Upper bound (exclusive), null = open.</param>
/// <param name="CapacityPriceEurPerKwYear">Leistungspreis, €/kW/a.</param>
/// <param name="WorkingPriceCtPerKwh">Arbeitspreis, ct/kWh.</param>
public sealed record RlmBand(int FromHours, int? ToHours, decimal CapacityPriceEurPerKwYear, decimal WorkingPriceCtPerKwh);

/// <summary>A grid fee sheet (Preisblatt Netzentgelte) of one area, metering and calendar year. Net of VAT.</summary>
internal sealed record FeeSheet(int Year, Metering Metering, decimal? WorkingPriceCtPerKwh, decimal? BasePriceEurPerYear,
    decimal MeteringEurPerYear, RlmBand[]? Bands);

/// <summary>The default-supply tariff (Grundversorgung) of one area and year: all-in net end-customer prices.</summary>
internal sealed record DefaultSupplyTariff(int Year, string TariffName, decimal WorkingPriceCtPerKwh, decimal BasePriceEurPerYear);

/// <summary>A competitor tariff of one area, year and customer type: all-in net end-customer prices.</summary>
internal sealed record CompetitorTariff(string TariffId, MarketParty Provider, string TariffName, decimal BasePriceEurPerYear,
    decimal WorkingPriceCtPerKwh, NewCustomerBonus? NewCustomerBonus, decimal? InstantBonusEur, int PriceGuaranteeMonths,
    string? PriceGuaranteeType, int MinimumTermMonths);

/// <summary>A new-customer bonus (Neukundenbonus): <c>fixed</c> with an amount in € or <c>percent</c> of the first-year cost.</summary>
internal sealed record NewCustomerBonus(string Kind, decimal? AmountEur, decimal? Percent);

/// <summary>A grid area (Netzgebiet) of one commodity, with everything the simulator answers about it.</summary>
internal sealed class GridArea(string id, string name, Commodity commodity, MarketParty gridOperator, MarketParty defaultSupplier)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public Commodity Commodity { get; } = commodity;
    public MarketParty Operator { get; } = gridOperator;
    public MarketParty DefaultSupplier { get; } = defaultSupplier;

    /// <summary>The concession class most of its postal codes have (used when the grid fee request names no postal code).</summary>
    public int ConcessionClass { get; set; } = 1;

    public List<PostalCodeEntry> PostalCodes { get; } = [];

    /// <summary>[year − 2025][metering].</summary>
    public FeeSheet[][] Fees { get; set; } = [];

    /// <summary>[year − 2025].</summary>
    public DefaultSupplyTariff[] DefaultSupply { get; set; } = [];

    private Lazy<CompetitorTariff[][][]> _competitors = new(() => []);

    /// <summary>[year − 2025][customer type]; generated on first use (from the area's own seed, so still deterministic).</summary>
    public CompetitorTariff[][][] Competitors => _competitors.Value;

    public void CompetitorsFrom(Func<CompetitorTariff[][][]> generate) => _competitors = new Lazy<CompetitorTariff[][][]>(generate);
}

/// <summary>A street of a postal code that spans several grid areas, optionally only a house number range of it.</summary>
internal sealed record StreetRule(string Name, string Key, int? HouseNumberFrom, int? HouseNumberTo, GridArea Power, GridArea Gas)
{
    public bool Covers(int? houseNumber) =>
        HouseNumberFrom is null || (houseNumber is { } n && n >= HouseNumberFrom && (HouseNumberTo is null || n <= HouseNumberTo));
}

/// <summary>A postal code with its city, concession class and grid areas per commodity (one to three).</summary>
internal sealed class PostalCodeEntry(int number, string city, int concessionClass)
{
    public int Number { get; } = number;
    public string Code { get; } = number.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
    public string City { get; set; } = city;
    public int ConcessionClass { get; set; } = concessionClass;
    public List<GridArea> Power { get; set; } = [];
    public List<GridArea> Gas { get; set; } = [];

    /// <summary>Streets when the code spans several areas of a commodity, otherwise empty.</summary>
    public StreetRule[] Streets { get; set; } = [];

    public List<GridArea> Areas(Commodity commodity) => commodity == Commodity.Power ? Power : Gas;
}

/// <summary>A levy or tax line (ct/kWh).</summary>
/// <param name="Code">Stable code, e.g. <c>KWKG</c>.</param>
/// <param name="Name">German name.</param>
/// <param name="CtPerKwh">Net amount in ct/kWh.</param>
public sealed record Levy(string Code, string Name, decimal CtPerKwh);

/// <summary>The statutory levies and the electricity/energy tax of one commodity and calendar year.</summary>
internal sealed record LevySheet(int Year, Commodity Commodity, Levy[] Levies, Levy Tax, decimal VatPercent);
