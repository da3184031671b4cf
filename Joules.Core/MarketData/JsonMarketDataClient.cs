using Joules.Core.Integration;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.MarketData;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Joules.Core.MarketData;

/// <summary>Asks a market data provider that speaks Joules' own JSON (docs/market-data-wire.md): <c>GET {endpoint}/v1/…</c>
/// with <c>Authorization: Bearer</c>, a per-attempt timeout, retries on 5xx/408/429/timeouts only and a circuit breaker
/// per brand × provider. Answers are validated and mapped to the Core model. Failures become a
/// <see cref="MarketDataUnavailableException"/> (German reason naming the provider, never the key); 404 and 400 become a
/// <see cref="MarketDataNotFoundException"/> (never retried). Logs only provider, kind, status code and duration.</summary>
public sealed partial class JsonMarketDataClient
{
    /// <summary>Name of the HTTP client (its request logging is removed: logs could carry the Authorization header).</summary>
    public const string HttpClientName = "Joules.MarketData.Providers";

    private readonly IHttpClientFactory _factory;
    private readonly ILogger<JsonMarketDataClient> _logger;
    private readonly TimeProvider _time;
    private readonly ServicePipelines _pipelines;

    /// <summary>Creates the client (a singleton: it keeps the circuit breakers).</summary>
    public JsonMarketDataClient(IHttpClientFactory factory, ILogger<JsonMarketDataClient> logger, TimeProvider? time = null)
    {
        _factory = factory;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _pipelines = new ServicePipelines(_time);
    }

    /// <summary>Address → grid areas.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown postal code or invalid input.</exception>
    public async Task<MarketLocation> LocateAsync(MarketDataEndpoint endpoint, LocationQuery query, CancellationToken ct)
    {
        var (wire, fetched) = await GetAsync(endpoint, query, MarketDataWireJson.Default.WireLocation, ct).ConfigureAwait(false);
        return Checked(endpoint, query, () => MapLocation(wire, endpoint.Provider, fetched, query.Commodity));
    }

    /// <summary>Grid fees of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    public async Task<GridFeeSheet> GridFeesAsync(MarketDataEndpoint endpoint, GridFeeQuery query, CancellationToken ct)
    {
        var (wire, fetched) = await GetAsync(endpoint, query, MarketDataWireJson.Default.WireGridFees, ct).ConfigureAwait(false);
        return Checked(endpoint, query, () => MapGridFees(wire, endpoint.Provider, fetched, query));
    }

    /// <summary>Levies, taxes and VAT rate.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">No data for the date.</exception>
    public async Task<LevySheet> LeviesAsync(MarketDataEndpoint endpoint, LevyQuery query, CancellationToken ct)
    {
        var (wire, fetched) = await GetAsync(endpoint, query, MarketDataWireJson.Default.WireLevies, ct).ConfigureAwait(false);
        return Checked(endpoint, query, () => MapLevies(wire, endpoint.Provider, fetched, query));
    }

    /// <summary>The default supply tariff of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    public async Task<DefaultSupplyTariff> DefaultSupplyAsync(MarketDataEndpoint endpoint, DefaultSupplyQuery query, CancellationToken ct)
    {
        var (wire, fetched) = await GetAsync(endpoint, query, MarketDataWireJson.Default.WireDefaultSupply, ct).ConfigureAwait(false);
        return Checked(endpoint, query, () => MapDefaultSupply(wire, endpoint.Provider, fetched, query));
    }

    /// <summary>The competitors' tariffs of an area.</summary>
    /// <exception cref="MarketDataUnavailableException">The provider could not answer.</exception>
    /// <exception cref="MarketDataNotFoundException">Unknown area, no data for the date, or invalid input.</exception>
    public async Task<CompetitorTariffList> CompetitorsAsync(MarketDataEndpoint endpoint, CompetitorQuery query, CancellationToken ct)
    {
        var (wire, fetched) = await GetAsync(endpoint, query, MarketDataWireJson.Default.WireCompetitors, ct).ConfigureAwait(false);
        return Checked(endpoint, query, () => MapCompetitors(wire, endpoint.Provider, fetched, query));
    }

    /// <summary>The request URL of <paramref name="query"/> below <paramref name="endpoint"/>.</summary>
    public static Uri RequestUrl(MarketDataEndpoint endpoint, MarketDataQuery query)
    {
        var text = new StringBuilder(query.Path);
        var first = true;
        foreach (var (name, value) in query.Parameters())
        {
            if (value is null) continue;
            text.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }
        return new Uri(endpoint.BaseUrl, text.ToString());
    }

    private async Task<(T Wire, DateTimeOffset FetchedAt)> GetAsync<T>(MarketDataEndpoint endpoint, MarketDataQuery query, JsonTypeInfo<T> type,
        CancellationToken ct) where T : class
    {
        query.Validate();
        var name = ProviderName(endpoint.Provider);
        var url = RequestUrl(endpoint, query);
        var started = Stopwatch.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(ServiceResilience.AttemptTimeout, TimeSpan.FromSeconds(endpoint.TimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            var http = _factory.CreateClient(HttpClientName);
            response = await _pipelines.For(endpoint.BrandId, endpoint.Provider).ExecuteAsync(static async (ctx, state) =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, state.url);
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", state.endpoint.ApiKey);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return await state.http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
            }, context, (http, endpoint, url)).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = Reason(e, name, endpoint);
            LogFailed(endpoint.Provider, query.Kind, null, Elapsed(started), reason);
            throw new MarketDataUnavailableException(reason, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var elapsed = Elapsed(started);
            if (!response.IsSuccessStatusCode)
            {
                var failure = StatusFailure(response.StatusCode, bytes, name, query);
                LogFailed(endpoint.Provider, query.Kind, status, elapsed, failure.Message);
                throw failure;
            }
            T? wire;
            try { wire = JsonSerializer.Deserialize(bytes, type); }
            catch (JsonException) { wire = null; }
            if (wire is null)
            {
                var reason = CoreText.Format("MarketData.Http.Malformed", name);
                LogFailed(endpoint.Provider, query.Kind, status, elapsed, reason);
                throw new MarketDataUnavailableException(reason);
            }
            LogAnswered(endpoint.Provider, query.Kind, status, elapsed);
            return (wire, _time.GetUtcNow());
        }
    }

    private TAnswer Checked<TAnswer>(MarketDataEndpoint endpoint, MarketDataQuery query, Func<TAnswer> map) where TAnswer : IMarketDataAnswer
    {
        var name = ProviderName(endpoint.Provider);
        TAnswer answer;
        try { answer = map(); }
        catch (InvalidAnswer e)
        {
            var reason = CoreText.Format(e.Mismatch ? "MarketData.Http.Mismatch" : "MarketData.Http.Malformed", name);
            LogFailed(endpoint.Provider, query.Kind, 200, 0, reason + " (" + e.Message + ")");
            throw new MarketDataUnavailableException(reason);
        }
        if (query.Date is { } date && !answer.Source.IsValidOn(date))
        {
            var reason = CoreText.Format("MarketData.Http.Mismatch", name);
            LogFailed(endpoint.Provider, query.Kind, 200, 0, reason + " (validity)");
            throw new MarketDataUnavailableException(reason);
        }
        return answer;
    }

    /// <summary>An answer that does not fit the contract; <see cref="Exception.Message"/> names the field (for the log).</summary>
    private sealed class InvalidAnswer(string field, bool mismatch = false) : Exception(field)
    {
        public bool Mismatch { get; } = mismatch;
    }

    private static T Need<T>(T? value, string field) where T : class => value ?? throw new InvalidAnswer(field);

    private static T Value<T>(T? value, string field) where T : struct => value ?? throw new InvalidAnswer(field);

    private static string Text(string? value, string field) => string.IsNullOrWhiteSpace(value) ? throw new InvalidAnswer(field) : value.Trim();

    private static decimal Price(decimal? value, string field) => value is { } v && v >= 0 ? v : throw new InvalidAnswer(field);

    private static MarketParty Party(WireParty? party, string field) =>
        new(Text(Need(party, field).Code, field + ".code"), Text(party!.Name, field + ".name"));

    private static MarketDataSource Source(string? source, DateOnly? from, DateOnly? to, DateOnly? published, string provider, DateTimeOffset fetched)
    {
        if (!string.Equals(source, provider, StringComparison.Ordinal)) throw new InvalidAnswer("source", mismatch: true);
        var validFrom = Value(from, "validFrom");
        var validTo = Value(to, "validTo");
        if (validTo < validFrom) throw new InvalidAnswer("validTo");
        return new MarketDataSource(provider, validFrom, validTo, Value(published, "publishedAt"), fetched);
    }

    private static MarketCommodity Commodity(string? wire, MarketCommodity? expected)
    {
        var commodity = wire?.ToLowerInvariant() switch
        {
            "power" => MarketCommodity.Power,
            "gas" => MarketCommodity.Gas,
            _ => throw new InvalidAnswer("commodity"),
        };
        if (expected is { } e && e != commodity) throw new InvalidAnswer("commodity", mismatch: true);
        return commodity;
    }

    private static int ConcessionClass(int? value) => value is >= 1 and <= 4 ? value.Value : throw new InvalidAnswer("concessionClass");

    internal static MarketLocation MapLocation(WireLocation w, string provider, DateTimeOffset fetched, MarketCommodity? commodity = null)
    {
        var source = Source(w.Source, w.ValidFrom, w.ValidTo, w.PublishedAt, provider, fetched);
        var candidates = Need(w.Candidates, "candidates").Select(c => new GridAreaCandidate(
            Text(Need(c, "candidate").GridAreaId, "gridAreaId"), Text(c.GridAreaName, "gridAreaName"), Party(c.GridOperator, "gridOperator"),
            Party(c.DefaultSupplier, "defaultSupplier"), ConcessionClass(c.ConcessionClass), c.ConcessionClassName?.Trim() ?? "",
            (c.Streets ?? []).Select(s => new MarketStreet(Text(Need(s, "street").Name, "street.name"), s.HouseNumberFrom, s.HouseNumberTo)).ToList()))
            .ToList();
        if (candidates.Count == 0) throw new InvalidAnswer("candidates");
        var ambiguous = Value(w.Ambiguous, "ambiguous");
        if (ambiguous != candidates.Count > 1) throw new InvalidAnswer("ambiguous");
        return new MarketLocation(Text(w.PostalCode, "postalCode"), Text(w.City, "city"), Commodity(w.Commodity, commodity), ambiguous,
            w.StreetMatched, candidates, source);
    }

    internal static GridFeeSheet MapGridFees(WireGridFees w, string provider, DateTimeOffset fetched, GridFeeQuery query)
    {
        var source = Source(w.Source, w.ValidFrom, w.ValidTo, w.PublishedAt, provider, fetched);
        var areaId = Text(w.GridAreaId, "gridAreaId");
        if (!string.Equals(areaId, query.GridAreaId.Trim(), StringComparison.OrdinalIgnoreCase)) throw new InvalidAnswer("gridAreaId", mismatch: true);
        var metering = w.Metering?.ToLowerInvariant() switch
        {
            "slp" => MarketMetering.Slp,
            "rlm" => MarketMetering.Rlm,
            _ => throw new InvalidAnswer("metering"),
        };
        if (metering != query.Metering) throw new InvalidAnswer("metering", mismatch: true);
        var bands = (w.Bands ?? []).Select(b => new GridFeeBand(Value(Need(b, "band").FromHours, "fromHours"), b.ToHours,
            Price(b.CapacityPriceEurPerKwYear, "capacityPrice"), Price(b.WorkingPriceCtPerKwh, "band.workingPrice"))).ToList();
        decimal? working = null, basePrice = null;
        if (metering == MarketMetering.Slp)
        {
            working = Price(w.WorkingPriceCtPerKwh, "workingPriceCtPerKwh");
            basePrice = Price(w.BasePriceEurPerYear, "basePriceEurPerYear");
        }
        else if (bands.Count == 0) throw new InvalidAnswer("bands");
        return new GridFeeSheet(areaId, Text(w.GridAreaName, "gridAreaName"), Party(w.GridOperator, "gridOperator"),
            Commodity(w.Commodity, query.Commodity), metering, working, basePrice, Price(w.MeteringEurPerYear, "meteringEurPerYear"),
            w.UtilizationThresholdHours, bands, ConcessionClass(w.ConcessionClass), w.ConcessionClassName?.Trim() ?? "",
            Price(w.ConcessionFeeCtPerKwh, "concessionFeeCtPerKwh"), Price(w.ConcessionFeeSpecialCtPerKwh, "concessionFeeSpecialCtPerKwh"), source)
        {
            ConcessionFeeOffPeakCtPerKwh = w.ConcessionFeeOffPeakCtPerKwh is null ? null : Price(w.ConcessionFeeOffPeakCtPerKwh, "concessionFeeOffPeakCtPerKwh"),
            ControllableDevices = w.ControllableDevices is null ? null
                : new ControllableDeviceFees(Price(w.ControllableDevices.Module1ReductionEurPerYear, "controllableDevices.module1ReductionEurPerYear"),
                    Price(w.ControllableDevices.Module2WorkingPriceCtPerKwh, "controllableDevices.module2WorkingPriceCtPerKwh")),
        };
    }

    internal static LevySheet MapLevies(WireLevies w, string provider, DateTimeOffset fetched, LevyQuery query)
    {
        var source = Source(w.Source, w.ValidFrom, w.ValidTo, w.PublishedAt, provider, fetched);
        static MarketLevy Levy(WireLevy? l, string field) =>
            new(Text(Need(l, field).Code, field + ".code"), Text(l!.Name, field + ".name"), Value(l.CtPerKwh, field + ".ctPerKwh"));
        var levies = Need(w.Levies, "levies").Select(l => Levy(l, "levy")).ToList();
        var vat = Value(w.VatPercent, "vatPercent");
        if (vat is < 0 or > 100) throw new InvalidAnswer("vatPercent");
        return new LevySheet(Commodity(w.Commodity, query.Commodity), levies, Levy(w.Tax, "tax"), vat, source);
    }

    internal static DefaultSupplyTariff MapDefaultSupply(WireDefaultSupply w, string provider, DateTimeOffset fetched, DefaultSupplyQuery query)
    {
        var source = Source(w.Source, w.ValidFrom, w.ValidTo, w.PublishedAt, provider, fetched);
        var areaId = Text(w.GridAreaId, "gridAreaId");
        if (!string.Equals(areaId, query.GridAreaId.Trim(), StringComparison.OrdinalIgnoreCase)) throw new InvalidAnswer("gridAreaId", mismatch: true);
        return new DefaultSupplyTariff(areaId, Text(w.GridAreaName, "gridAreaName"), Commodity(w.Commodity, query.Commodity),
            Party(w.Supplier, "supplier"), Text(w.TariffName, "tariffName"), Price(w.WorkingPriceCtPerKwh, "workingPriceCtPerKwh"),
            Price(w.BasePriceEurPerYear, "basePriceEurPerYear"), source);
    }

    internal static CompetitorTariffList MapCompetitors(WireCompetitors w, string provider, DateTimeOffset fetched, CompetitorQuery query)
    {
        var source = Source(w.Source, w.ValidFrom, w.ValidTo, w.PublishedAt, provider, fetched);
        var areaId = Text(w.GridAreaId, "gridAreaId");
        if (!string.Equals(areaId, query.GridAreaId.Trim(), StringComparison.OrdinalIgnoreCase)) throw new InvalidAnswer("gridAreaId", mismatch: true);
        var customerType = w.CustomerType?.ToLowerInvariant() switch
        {
            "household" => MarketCustomerType.Household,
            "business" => MarketCustomerType.Business,
            _ => throw new InvalidAnswer("customerType"),
        };
        if (customerType != query.CustomerType) throw new InvalidAnswer("customerType", mismatch: true);
        var tariffs = Need(w.Tariffs, "tariffs").Select(t => new CompetitorTariff(Text(Need(t, "tariff").TariffId, "tariffId"),
            Party(t.Provider, "provider"), Text(t.TariffName, "tariffName"), Price(t.BasePriceEurPerYear, "basePriceEurPerYear"),
            Price(t.WorkingPriceCtPerKwh, "workingPriceCtPerKwh"),
            t.NewCustomerBonus is { } b ? new CompetitorBonus(Text(b.Kind, "newCustomerBonus.kind"), b.AmountEur, b.Percent) : null,
            t.InstantBonusEur, t.PriceGuaranteeMonths ?? 0, t.PriceGuaranteeType, t.MinimumTermMonths ?? 0)).ToList();
        return new CompetitorTariffList(areaId, Text(w.GridAreaName, "gridAreaName"), Commodity(w.Commodity, query.Commodity), customerType, tariffs, source);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>Display name of a provider code.</summary>
    public static string ProviderName(string provider) => MarketDataProviders.Find(provider)?.Name ?? provider;

    private static string Reason(Exception e, string name, MarketDataEndpoint endpoint) => e switch
    {
        TimeoutRejectedException => CoreText.Format("MarketData.Http.Timeout", name, endpoint.TimeoutSeconds),
        BrokenCircuitException => CoreText.Format("MarketData.Http.CircuitOpen", name),
        HttpRequestException => CoreText.Format("MarketData.Http.NoConnection", name),
        MarketDataUnavailableException u => u.Message,
        OperationCanceledException => CoreText.Format("MarketData.Http.Timeout", name, endpoint.TimeoutSeconds),
        _ => CoreText.Format("MarketData.Http.Failed", name),
    };

    private static Exception StatusFailure(HttpStatusCode status, byte[] body, string name, MarketDataQuery query)
    {
        var code = (int)status;
        string? errorCode = null;
        try { errorCode = JsonSerializer.Deserialize(body, MarketDataWireJson.Default.WireError)?.Code; }
        catch (JsonException) { }
        var date = query.Date?.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de-DE")) ?? CoreText.Get("MarketData.Today");
        return status switch
        {
            HttpStatusCode.NotFound when errorCode == "POSTAL_CODE_NOT_FOUND" && query is LocationQuery l =>
                new MarketDataNotFoundException(CoreText.Format("MarketData.NotFound.PostalCode", name, l.PostalCode.Trim())),
            HttpStatusCode.NotFound when errorCode == "GRID_AREA_NOT_FOUND" =>
                new MarketDataNotFoundException(CoreText.Format("MarketData.NotFound.GridArea", name, GridArea(query))),
            HttpStatusCode.NotFound when errorCode == "NO_DATA_FOR_DATE" =>
                new MarketDataNotFoundException(CoreText.Format("MarketData.NotFound.Date", name, date)),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity =>
                new MarketDataNotFoundException(CoreText.Format("MarketData.Http.BadRequest", name, code), invalidRequest: true),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new MarketDataUnavailableException(CoreText.Format("MarketData.Http.KeyRefused", name, code)),
            HttpStatusCode.NotFound => new MarketDataUnavailableException(CoreText.Format("MarketData.Http.EndpointNotFound", name)),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => new MarketDataUnavailableException(CoreText.Format("MarketData.Http.Busy", name, code)),
            _ when code >= 500 => new MarketDataUnavailableException(CoreText.Format("MarketData.Http.ServerError", name, code)),
            _ => new MarketDataUnavailableException(CoreText.Format("MarketData.Http.Status", name, code)),
        };
    }

    private static string GridArea(MarketDataQuery query) => query switch
    {
        GridFeeQuery g => g.GridAreaId,
        DefaultSupplyQuery d => d.GridAreaId,
        CompetitorQuery c => c.GridAreaId,
        _ => "",
    };

    [LoggerMessage(1, LogLevel.Information, "Market data {Kind} at {Provider}: {StatusCode} in {DurationMs} ms")]
    private partial void LogAnswered(string provider, string kind, int statusCode, long durationMs);

    [LoggerMessage(2, LogLevel.Warning, "Market data {Kind} at {Provider} failed after {DurationMs} ms (status {StatusCode}): {Reason}")]
    private partial void LogFailed(string provider, string kind, int? statusCode, long durationMs, string reason);
}
