using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Joules.Simulators.MarketData;

/// <summary>Options of the market data simulator.</summary>
public sealed class MarketDataSimulatorOptions
{
    /// <summary>The API key the simulator accepts when none is configured (also the demo key of the market data plugins).</summary>
    public const string DemoApiKey = "demo-market-key";

    /// <summary>API keys accepted as <c>Authorization: Bearer &lt;key&gt;</c> by both simulated providers.</summary>
    public IList<string> ApiKeys { get; set; } = [DemoApiKey];

    /// <summary>Added to every answer (benchmarks; default none). Waits without blocking a thread.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>How long the slow test postal code <c>00408</c> and the grid area <c>TEST-SLOW</c> make the caller wait (default 30 s).</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Simulated market data providers (ene't and GET AG) speaking Joules' own documented JSON format
/// (docs/market-data-wire.md) under <c>/market-data/{provider}/v1/</c>: postal code → grid areas (by street where a code spans
/// several), grid fees with concession fees, levies and taxes, default supply and competitor tariffs for 2025 and 2026. Both
/// providers answer from the same deterministic data set. Test postal codes: <c>00503</c> answers 503, <c>00408</c> answers after
/// <see cref="MarketDataSimulatorOptions.SlowDelay"/>, <c>00222</c> answers 200 with a body that is not JSON; the grid area ids
/// <c>TEST-503</c>, <c>TEST-SLOW</c> and <c>TEST-MALFORMED</c> do the same on the area endpoints.</summary>
public sealed class MarketDataSimulator(MarketDataSimulatorOptions options)
{
    /// <summary>The provider path codes: <c>enet</c> (ene't) and <c>getag</c> (GET AG).</summary>
    public static readonly IReadOnlyList<string> Providers = ["enet", "getag"];

    /// <summary>Postal code answering 503 (outage).</summary>
    public const string OutagePostalCode = "00503";

    /// <summary>Postal code answering after <see cref="MarketDataSimulatorOptions.SlowDelay"/>.</summary>
    public const string SlowPostalCode = "00408";

    /// <summary>Postal code answering 200 with a body that is not JSON.</summary>
    public const string MalformedPostalCode = "00222";

    /// <summary>Grid area id answering 503 on the area endpoints.</summary>
    public const string OutageGridAreaId = "TEST-503";

    /// <summary>Grid area id answering after <see cref="MarketDataSimulatorOptions.SlowDelay"/> (with the first area of the commodity).</summary>
    public const string SlowGridAreaId = "TEST-SLOW";

    /// <summary>Grid area id answering 200 with a body that is not JSON.</summary>
    public const string MalformedGridAreaId = "TEST-MALFORMED";

    /// <summary>Source-generated answers; umlauts written as they are (the answers are JSON, never embedded in HTML).</summary>
    private static readonly MarketDataJson Json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static readonly DateOnly MappingFrom = new(MarketDataSet.FirstYear, 1, 1), MappingTo = new(MarketDataSet.LastYear, 12, 31),
        MappingPublished = new(MarketDataSet.FirstYear - 1, 12, 1);

    private readonly Lazy<GridAreaItem[]>[] _areaLists =
        [new(() => AreaList(Commodity.Power)), new(() => AreaList(Commodity.Gas))];

    /// <summary>How many postal codes the data set holds (generates it on first use).</summary>
    public int PostalCodeCount => MarketDataSet.Shared.PostalCodeCount;

    internal void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{provider}/v1/postal-codes/count", PostalCodeCountAsync);
        group.MapGet("/{provider}/v1/locations", LocationsAsync);
        group.MapGet("/{provider}/v1/grid-areas", GridAreasAsync);
        group.MapGet("/{provider}/v1/grid-fees", GridFeesAsync);
        group.MapGet("/{provider}/v1/levies", LeviesAsync);
        group.MapGet("/{provider}/v1/default-supply", DefaultSupplyAsync);
        group.MapGet("/{provider}/v1/competitors", CompetitorsAsync);
    }

    private async Task<IResult> PostalCodeCountAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        return Results.Json(new PostalCodeCountAnswer(Source(provider), MarketDataSet.Shared.PostalCodeCount, MappingFrom, MappingTo, MappingPublished),
            Json.PostalCodeCountAnswer);
    }

    private async Task<IResult> LocationsAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        var query = request.Query;
        var postalCode = Text(query, "postalCode");
        if (IsForeignPostalCode(postalCode)) return NotCovered(postalCode);
        if (!IsPostalCode(postalCode)) return Error(400, "INVALID_REQUEST", "'postalCode' must be five digits");
        if (!TryCommodity(Text(query, "commodity"), out var commodity)) return Error(400, "INVALID_REQUEST", "'commodity' must be 'power' or 'gas'");
        var houseNumberText = Text(query, "houseNumber");
        var houseNumber = HouseNumber(houseNumberText);
        if (houseNumberText is not null && houseNumber is null)
            return Error(400, "INVALID_REQUEST", "'houseNumber' must start with a number, e.g. 12 or 12a");

        var set = MarketDataSet.Shared;
        var shownCode = postalCode;
        string? shownCity = null;
        switch (postalCode)
        {
            case OutagePostalCode: return Outage();
            case MalformedPostalCode: return Malformed(provider);
            case SlowPostalCode:
                await Task.Delay(options.SlowDelay, ct);
                postalCode = "80331";
                shownCity = "Langsamhausen (Testort)";
                break;
        }

        var entry = set.FindPostalCode(int.Parse(postalCode, CultureInfo.InvariantCulture));
        if (entry is null) return Error(404, "POSTAL_CODE_NOT_FOUND", $"postal code {postalCode} is unknown");

        var areas = entry.Areas(commodity);
        var street = Text(query, "street");
        bool? streetMatched = null;
        List<GridArea> chosen = areas;
        if (areas.Count > 1 && street is not null)
        {
            var key = MarketDataSet.StreetKey(street);
            var found = new List<GridArea>(2);
            var anyRule = false;
            foreach (var rule in entry.Streets)
            {
                if (rule.Key != key) continue;
                anyRule = true;
                var area = commodity == Commodity.Power ? rule.Power : rule.Gas;
                if (rule.Covers(houseNumber) && !found.Contains(area)) found.Add(area);
            }
            if (anyRule && found.Count == 0)
                foreach (var rule in entry.Streets)
                    if (rule.Key == key && (commodity == Commodity.Power ? rule.Power : rule.Gas) is var a && !found.Contains(a)) found.Add(a);
            streetMatched = anyRule;
            if (anyRule) chosen = found;
        }

        var ambiguous = chosen.Count > 1;
        var candidates = new LocationCandidate[chosen.Count];
        for (var i = 0; i < chosen.Count; i++)
        {
            var area = chosen[i];
            candidates[i] = new LocationCandidate(area.Id, area.Name, area.Operator, area.DefaultSupplier, entry.ConcessionClass,
                MarketDataSet.ConcessionClassNames[entry.ConcessionClass - 1], ambiguous ? StreetsOf(entry, area, commodity) : null);
        }
        return Results.Json(new LocationAnswer(Source(provider), shownCode, shownCity ?? entry.City, CommodityText(commodity), ambiguous, streetMatched,
            candidates, MappingFrom, MappingTo, MappingPublished), Json.LocationAnswer);
    }

    private static StreetAnswer[] StreetsOf(PostalCodeEntry entry, GridArea area, Commodity commodity)
    {
        var streets = new List<StreetAnswer>(entry.Streets.Length);
        foreach (var rule in entry.Streets)
            if ((commodity == Commodity.Power ? rule.Power : rule.Gas) == area)
                streets.Add(new StreetAnswer(rule.Name, rule.HouseNumberFrom, rule.HouseNumberTo));
        return [.. streets];
    }

    private async Task<IResult> GridAreasAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        if (!TryCommodity(Text(request.Query, "commodity"), out var commodity)) return Error(400, "INVALID_REQUEST", "'commodity' must be 'power' or 'gas'");
        return Results.Json(new GridAreasAnswer(Source(provider), CommodityText(commodity), _areaLists[(int)commodity].Value, MappingFrom, MappingTo, MappingPublished),
            Json.GridAreasAnswer);
    }

    private static GridAreaItem[] AreaList(Commodity commodity) =>
        MarketDataSet.Shared.GridAreas.Where(a => a.Commodity == commodity)
            .Select(a => new GridAreaItem(a.Id, a.Name, a.Operator, a.DefaultSupplier, a.ConcessionClass, a.PostalCodes.Count)).ToArray();

    private async Task<IResult> GridFeesAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        var query = request.Query;
        var metering = Text(query, "metering") switch { "slp" => Metering.Slp, "rlm" => Metering.Rlm, _ => (Metering?)null };
        if (metering is null) return Error(400, "INVALID_REQUEST", "'metering' must be 'slp' or 'rlm'");
        var postalCode = Text(query, "postalCode");
        if (IsForeignPostalCode(postalCode)) return NotCovered(postalCode);
        if (postalCode is not null && !IsPostalCode(postalCode)) return Error(400, "INVALID_REQUEST", "'postalCode' must be five digits");
        var (area, commodity, date, problem) = await AreaRequestAsync(provider, query, ct);
        if (problem is not null) return problem;

        var concessionClass = area!.ConcessionClass;
        if (postalCode is not null)
        {
            var entry = MarketDataSet.Shared.FindPostalCode(int.Parse(postalCode, CultureInfo.InvariantCulture));
            if (entry is null) return Error(404, "POSTAL_CODE_NOT_FOUND", $"postal code {postalCode} is unknown");
            if (!entry.Areas(commodity).Contains(area)) return Error(400, "INVALID_REQUEST", $"postal code {postalCode} does not belong to grid area {area.Id}");
            concessionClass = entry.ConcessionClass;
        }
        var year = date.Year;
        var sheet = area.Fees[year - MarketDataSet.FirstYear][(int)metering.Value];
        return Results.Json(new GridFeeAnswer(Source(provider), area.Id, area.Name, area.Operator, CommodityText(commodity),
                metering == Metering.Slp ? "slp" : "rlm", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), new DateOnly(year - 1, 12, 15),
                sheet.WorkingPriceCtPerKwh, sheet.BasePriceEurPerYear, sheet.MeteringEurPerYear,
                metering == Metering.Rlm && commodity == Commodity.Power ? 2500 : null, sheet.Bands,
                concessionClass, MarketDataSet.ConcessionClassNames[concessionClass - 1],
                MarketDataSet.ConcessionFee(commodity, concessionClass), MarketDataSet.ConcessionFeeSpecial(commodity),
                commodity == Commodity.Power ? MarketDataSet.ConcessionFeeOffPeak : null, ControllableDevices(commodity, sheet)),
            Json.GridFeeAnswer);
    }

    /// <summary>§ 14a EnWG variants of an SLP power sheet, derived from its working price: module 1 is 80 € plus a fifth of
    /// 3,750 kWh at the working price, module 2 the working price less 60 %.</summary>
    private static ControllableDeviceFees? ControllableDevices(Commodity commodity, FeeSheet sheet) =>
        commodity == Commodity.Power && sheet.Metering == Metering.Slp && sheet.WorkingPriceCtPerKwh is { } ap
            ? new ControllableDeviceFees(Math.Round(80m + ap * 3_750m * 0.2m / 100m, 2), Math.Round(ap * 0.4m, 4))
            : null;

    private async Task<IResult> LeviesAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        if (!TryCommodity(Text(request.Query, "commodity"), out var commodity)) return Error(400, "INVALID_REQUEST", "'commodity' must be 'power' or 'gas'");
        if (!TryDate(Text(request.Query, "date"), out var date)) return Error(400, "INVALID_REQUEST", "'date' must be a date yyyy-MM-dd");
        var sheet = MarketDataSet.Levies(commodity, date);
        if (sheet is null) return NoData(date);
        return Results.Json(new LeviesAnswer(Source(provider), CommodityText(commodity), new DateOnly(sheet.Year, 1, 1), new DateOnly(sheet.Year, 12, 31),
            new DateOnly(sheet.Year - 1, 10, 25), sheet.Levies, sheet.Tax, sheet.VatPercent), Json.LeviesAnswer);
    }

    private async Task<IResult> DefaultSupplyAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        var (area, commodity, date, problem) = await AreaRequestAsync(provider, request.Query, ct);
        if (problem is not null) return problem;
        var tariff = area!.DefaultSupply[date.Year - MarketDataSet.FirstYear];
        return Results.Json(new DefaultSupplyAnswer(Source(provider), area.Id, area.Name, CommodityText(commodity), new DateOnly(date.Year, 1, 1),
            new DateOnly(date.Year, 12, 31), new DateOnly(date.Year - 1, 11, 15), area.DefaultSupplier, tariff.TariffName, tariff.WorkingPriceCtPerKwh,
            tariff.BasePriceEurPerYear), Json.DefaultSupplyAnswer);
    }

    private async Task<IResult> CompetitorsAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (await GateAsync(provider, request, ct) is { } refused) return refused;
        var type = Text(request.Query, "customerType") switch
        {
            null or "household" => CustomerType.Household,
            "business" => CustomerType.Business,
            _ => (CustomerType?)null,
        };
        if (type is null) return Error(400, "INVALID_REQUEST", "'customerType' must be 'household' or 'business'");
        var (area, commodity, date, problem) = await AreaRequestAsync(provider, request.Query, ct);
        if (problem is not null) return problem;
        var tariffs = area!.Competitors[date.Year - MarketDataSet.FirstYear][(int)type.Value];
        return Results.Json(new CompetitorsAnswer(Source(provider), area.Id, area.Name, CommodityText(commodity),
            type == CustomerType.Household ? "household" : "business", new DateOnly(date.Year, 1, 1), new DateOnly(date.Year, 12, 31),
            new DateOnly(date.Year - 1, 12, 1), tariffs), Json.CompetitorsAnswer);
    }

    /// <summary>Reads and checks <c>gridAreaId</c>, <c>commodity</c> and <c>date</c>; handles the test area ids.</summary>
    private async Task<(GridArea? Area, Commodity Commodity, DateOnly Date, IResult? Problem)> AreaRequestAsync(string provider, IQueryCollection query, CancellationToken ct)
    {
        var id = Text(query, "gridAreaId");
        if (id is null) return (null, default, default, Error(400, "INVALID_REQUEST", "'gridAreaId' is required"));
        if (!TryCommodity(Text(query, "commodity"), out var commodity))
            return (null, default, default, Error(400, "INVALID_REQUEST", "'commodity' must be 'power' or 'gas'"));
        if (!TryDate(Text(query, "date"), out var date)) return (null, default, default, Error(400, "INVALID_REQUEST", "'date' must be a date yyyy-MM-dd"));

        var set = MarketDataSet.Shared;
        GridArea? area;
        if (string.Equals(id, OutageGridAreaId, StringComparison.OrdinalIgnoreCase)) return (null, default, default, Outage());
        if (string.Equals(id, MalformedGridAreaId, StringComparison.OrdinalIgnoreCase)) return (null, default, default, Malformed(provider));
        if (string.Equals(id, SlowGridAreaId, StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(options.SlowDelay, ct);
            area = set.GridAreas.First(a => a.Commodity == commodity);
        }
        else area = set.FindArea(id);

        if (area is null) return (null, default, default, Error(404, "GRID_AREA_NOT_FOUND", $"grid area {id} is unknown"));
        if (area.Commodity != commodity)
            return (null, default, default, Error(400, "INVALID_REQUEST", $"grid area {area.Id} is a {CommodityText(area.Commodity)} area, not {CommodityText(commodity)}"));
        if (!MarketDataSet.Covers(date)) return (null, default, default, NoData(date));
        return (area, commodity, date, null);
    }

    private async Task<IResult?> GateAsync(string provider, HttpRequest request, CancellationToken ct)
    {
        if (options.Latency > TimeSpan.Zero) await Task.Delay(options.Latency, ct);
        if (!IsProvider(provider))
            return Error(404, "UNKNOWN_PROVIDER", $"unknown market data provider '{provider}'; known: {string.Join(", ", Providers)}");
        if (!Authenticated(request)) return Error(401, "UNAUTHORIZED", "missing or invalid API key");
        return null;
    }

    private static bool IsProvider(string provider) =>
        string.Equals(provider, "enet", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "getag", StringComparison.OrdinalIgnoreCase);

    private static string Source(string provider) => string.Equals(provider, "enet", StringComparison.OrdinalIgnoreCase) ? "enet" : "getag";

    private static string CommodityText(Commodity commodity) => commodity == Commodity.Power ? "power" : "gas";

    private static string? Text(IQueryCollection query, string name)
    {
        var value = query[name];
        if (value.Count == 0) return null;
        var text = value[0]?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static bool IsPostalCode([NotNullWhen(true)] string? text) => text is { Length: 5 } && text.All(char.IsAsciiDigit);

    /// <summary>A four-digit code (Austria, Switzerland): well-formed, but the German market data does not cover it.</summary>
    private static bool IsForeignPostalCode([NotNullWhen(true)] string? text) => text is { Length: 4 } && text.All(char.IsAsciiDigit);

    private static IResult NotCovered(string postalCode) =>
        Error(404, "POSTAL_CODE_NOT_FOUND", $"postal code {postalCode} is not covered: the data set holds German (five-digit) postal codes only");

    private static bool TryCommodity(string? text, out Commodity commodity)
    {
        commodity = Commodity.Power;
        if (string.Equals(text, "power", StringComparison.OrdinalIgnoreCase)) return true;
        commodity = Commodity.Gas;
        return string.Equals(text, "gas", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A date <c>yyyy-MM-dd</c>; none given means today (UTC).</summary>
    private static bool TryDate(string? text, out DateOnly date)
    {
        if (text is null)
        {
            date = DateOnly.FromDateTime(DateTime.UtcNow);
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The leading number of a house number (<c>12a</c> → 12), null when it has none.</summary>
    private static int? HouseNumber(string? text)
    {
        if (text is null) return null;
        var digits = 0;
        while (digits < text.Length && digits < 6 && char.IsAsciiDigit(text[digits])) digits++;
        return digits == 0 ? null : int.Parse(text.AsSpan(0, digits), CultureInfo.InvariantCulture);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new MarketError(code, message), Json.MarketError, statusCode: status);

    private static IResult NoData(DateOnly date) =>
        Error(404, "NO_DATA_FOR_DATE", $"no data valid on {date:yyyy-MM-dd}; the simulator covers {MarketDataSet.FirstYear}-01-01 to {MarketDataSet.LastYear}-12-31");

    private static IResult Outage() => new OutageResult();

    private static IResult Malformed(string provider) =>
        Results.Text($"{{\"source\":\"{Source(provider)}\",\"candidates\":[{{\"gridAreaId\":", "application/json", Encoding.UTF8, 200);

    private bool Authenticated(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var auth)
            || !string.Equals(auth.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(auth.Parameter)) return false;
        var given = Encoding.UTF8.GetBytes(auth.Parameter);
        return options.ApiKeys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), given));
    }

    /// <summary>503 with <c>Retry-After: 60</c> and a JSON error.</summary>
    private sealed class OutageResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "60";
            return Error(503, "SERVICE_UNAVAILABLE", "market data service unavailable (simulated outage), try again later").ExecuteAsync(httpContext);
        }
    }
}
