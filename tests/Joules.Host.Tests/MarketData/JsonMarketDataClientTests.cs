using Joules.Core.Integration;
using System.Globalization;
using Joules.Core.MarketData;
using Joules.Host.Tests.Credit.Http;
using Joules.Simulators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Joules.Host.Tests.MarketData;

/// <summary>The shared market data client against the simulator over real HTTP: all five answers mapped to the Core
/// model, ambiguous addresses, not-found without retry, and every failure as an unavailable provider with a German
/// reason that names the provider and never the key.</summary>
public sealed class JsonMarketDataClientTests : IAsyncLifetime
{
    private const string Key = "md-test-key-0815";
    private SimulatorServer _server = null!;
    private ServiceProvider _services = null!;
    private JsonMarketDataClient _client = null!;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly RequestCounter _requests = new();

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _server = await SimulatorServer.StartAsync(new SimulatorServerOptions
        {
            MarketData = { ApiKeys = [Key], SlowDelay = TimeSpan.FromSeconds(4) },
        });
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddMarketData();
        services.AddHttpClient(JsonMarketDataClient.HttpClientName).AddHttpMessageHandler(() => _requests);
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<JsonMarketDataClient>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private MarketDataEndpoint Endpoint(string provider = "enet", string key = Key, int timeout = 5) =>
        new(Guid.NewGuid(), provider, _server.MarketDataUrl(provider), key, timeout, Simulated: false);

    [Fact]
    public async Task Ambiguous_Berlin_postal_code_returns_both_power_areas_with_their_streets()
    {
        var location = await _client.LocateAsync(Endpoint(), new LocationQuery("10115", MarketCommodity.Power), default);

        location.Ambiguous.ShouldBeTrue();
        location.City.ShouldBe("Berlin");
        location.StreetMatched.ShouldBeNull();
        location.Candidates.Select(c => c.GridAreaName).ShouldBe(["Berlin-Mitte Strom", "Berlin-Nord Strom"], ignoreOrder: true);
        var mitte = location.Candidates.Single(c => c.GridAreaName == "Berlin-Mitte Strom");
        mitte.Streets.Select(s => s.Name).ShouldContain("Chausseestraße");
        mitte.Streets.Single(s => s.Name == "Gartenstraße").ShouldBe(new MarketStreet("Gartenstraße", 1, 49));
        mitte.ConcessionClass.ShouldBe(4);
        mitte.GridOperator.Code.ShouldMatch("^99[0-9]{11}$");
        mitte.DefaultSupplier.Name.ShouldNotBeNullOrWhiteSpace();
        location.Source.Provider.ShouldBe("enet");
        location.Source.ValidFrom.ShouldBe(new DateOnly(2025, 1, 1));
        location.Source.ValidTo.ShouldBe(new DateOnly(2026, 12, 31));
        location.Source.Stale.ShouldBeFalse();
        location.Source.FromStore.ShouldBeFalse();
    }

    [Fact]
    public async Task Street_decides_the_Berlin_area()
    {
        var location = await _client.LocateAsync(Endpoint("getag"), new LocationQuery("10115", MarketCommodity.Power, "Torstraße", "12"), default);

        location.Ambiguous.ShouldBeFalse();
        location.StreetMatched.ShouldBe(true);
        location.Candidates.Single().GridAreaName.ShouldBe("Berlin-Nord Strom");
        location.Candidates.Single().Streets.ShouldBeEmpty();
        location.Source.Provider.ShouldBe("getag");
    }

    [Fact]
    public async Task Grid_fees_SLP_and_RLM_levies_default_supply_and_competitors_map_to_the_core_model()
    {
        var date = new DateOnly(2026, 3, 1);
        var slp = await _client.GridFeesAsync(Endpoint(), new GridFeeQuery("STR-0001", MarketCommodity.Power, MarketMetering.Slp) { Date = date }, default);
        slp.GridAreaName.ShouldBe("Altmark Strom");
        slp.WorkingPriceCtPerKwh.ShouldNotBeNull().ShouldBeInRange(4.5m, 13.2m);
        slp.BasePriceEurPerYear.ShouldNotBeNull().ShouldBeInRange(0m, 110m);
        slp.MeteringEurPerYear.ShouldBeInRange(9m, 27.5m);
        slp.Bands.ShouldBeEmpty();
        slp.ConcessionFeeSpecialCtPerKwh.ShouldBe(0.11m);
        slp.Source.IsValidOn(date).ShouldBeTrue();
        slp.Source.ValidFrom.ShouldBe(new DateOnly(2026, 1, 1));

        var rlm = await _client.GridFeesAsync(Endpoint(), new GridFeeQuery("STR-0001", MarketCommodity.Power, MarketMetering.Rlm) { Date = date }, default);
        rlm.WorkingPriceCtPerKwh.ShouldBeNull();
        rlm.UtilizationThresholdHours.ShouldBe(2500);
        rlm.Bands.Count.ShouldBe(2);
        rlm.Bands[1].ToHours.ShouldBeNull();
        rlm.ControllableDevices.ShouldBeNull();

        // § 14a EnWG: module 2 takes 60 % off the SLP working price; off-peak power pays the Schwachlast concession fee.
        var devices = slp.ControllableDevices.ShouldNotBeNull();
        devices.Module2WorkingPriceCtPerKwh.ShouldBe(Math.Round(slp.WorkingPriceCtPerKwh!.Value * 0.4m, 4));
        devices.Module1ReductionEurPerYear.ShouldBeInRange(80m, 200m);
        slp.ConcessionFeeOffPeakCtPerKwh.ShouldBe(0.61m);
        var gas = await _client.GridFeesAsync(Endpoint(), new GridFeeQuery("GAS-0001", MarketCommodity.Gas, MarketMetering.Slp) { Date = date }, default);
        gas.ControllableDevices.ShouldBeNull();
        gas.ConcessionFeeOffPeakCtPerKwh.ShouldBeNull();

        var levies = await _client.LeviesAsync(Endpoint(), new LevyQuery(MarketCommodity.Power) { Date = date }, default);
        levies.Levies.Single(l => l.Code == "KWKG").CtPerKwh.ShouldBe(0.446m);
        levies.Tax.ShouldBe(new MarketLevy("STROMSTEUER", "Stromsteuer", 2.05m));
        levies.VatPercent.ShouldBe(19m);

        var gasLevies = await _client.LeviesAsync(Endpoint("getag"), new LevyQuery(MarketCommodity.Gas) { Date = new DateOnly(2025, 6, 1) }, default);
        gasLevies.Levies.Single(l => l.Code == "GASSPEICHERUMLAGE").CtPerKwh.ShouldBe(0.289m);
        gasLevies.Source.ValidTo.ShouldBe(new DateOnly(2025, 12, 31));

        var supply = await _client.DefaultSupplyAsync(Endpoint(), new DefaultSupplyQuery("GAS-0001", MarketCommodity.Gas) { Date = date }, default);
        supply.GridAreaId.ShouldBe("GAS-0001");
        supply.Commodity.ShouldBe(MarketCommodity.Gas);
        supply.TariffName.ShouldNotBeNullOrWhiteSpace();
        supply.WorkingPriceCtPerKwh.ShouldBeInRange(9m, 13m);

        var competitors = await _client.CompetitorsAsync(Endpoint(), new CompetitorQuery("STR-0001", MarketCommodity.Power, MarketCustomerType.Business) { Date = date }, default);
        competitors.CustomerType.ShouldBe(MarketCustomerType.Business);
        competitors.Tariffs.Count.ShouldBeInRange(20, 60);
        competitors.Tariffs.Select(t => t.TariffId).ShouldBeUnique();
        competitors.Tariffs.ShouldAllBe(t => t.PriceGuaranteeMonths == 0 || t.PriceGuaranteeMonths == 12 || t.PriceGuaranteeMonths == 24);
    }

    [Fact]
    public async Task Unknown_postal_code_is_not_found_and_not_retried()
    {
        var before = _requests.Count;

        var e = await Should.ThrowAsync<MarketDataNotFoundException>(() => _client.LocateAsync(Endpoint(), new LocationQuery("99999", MarketCommodity.Power), default));

        e.Message.ShouldBe("ene't kennt die Postleitzahl 99999 nicht.");
        e.InvalidRequest.ShouldBeFalse();
        (_requests.Count - before).ShouldBe(1);
    }

    [Fact]
    public async Task Date_outside_the_data_is_not_found()
    {
        var e = await Should.ThrowAsync<MarketDataNotFoundException>(() =>
            _client.LeviesAsync(Endpoint(), new LevyQuery(MarketCommodity.Power) { Date = new DateOnly(2027, 1, 1) }, default));
        e.Message.ShouldContain("01.01.2027");
    }

    [Fact]
    public async Task Malformed_postal_code_is_refused_before_any_call()
    {
        var before = _requests.Count;
        var e = await Should.ThrowAsync<MarketDataNotFoundException>(() => _client.LocateAsync(Endpoint(), new LocationQuery("1011", MarketCommodity.Power), default));
        e.InvalidRequest.ShouldBeTrue();
        _requests.Count.ShouldBe(before);
    }

    [Fact]
    public async Task Outage_is_retried_then_unavailable_with_a_reason_naming_the_provider()
    {
        var before = _requests.Count;

        var e = await Should.ThrowAsync<MarketDataUnavailableException>(() => _client.LocateAsync(Endpoint("getag"), new LocationQuery("00503", MarketCommodity.Power), default));

        e.Message.ShouldBe("GET AG meldet einen Serverfehler (HTTP 503).");
        (_requests.Count - before).ShouldBe(1 + ServiceResilience.MaxRetries);
    }

    [Fact]
    public async Task Grid_area_outage_is_unavailable()
    {
        var e = await Should.ThrowAsync<MarketDataUnavailableException>(() =>
            _client.DefaultSupplyAsync(Endpoint(), new DefaultSupplyQuery("TEST-503", MarketCommodity.Power), default));
        e.Message.ShouldContain("ene't");
    }

    [Fact]
    public async Task Slow_answer_runs_into_the_timeout()
    {
        var e = await Should.ThrowAsync<MarketDataUnavailableException>(() =>
            _client.LocateAsync(Endpoint(timeout: 1), new LocationQuery("00408", MarketCommodity.Power), default));

        e.Message.ShouldBe("ene't hat nicht innerhalb von 1 s geantwortet (Zeitüberschreitung).");
    }

    [Fact]
    public async Task Malformed_body_is_unavailable()
    {
        var location = await Should.ThrowAsync<MarketDataUnavailableException>(() => _client.LocateAsync(Endpoint(), new LocationQuery("00222", MarketCommodity.Power), default));
        location.Message.ShouldBe("ene't hat eine unlesbare oder unvollständige Antwort geliefert.");
        await Should.ThrowAsync<MarketDataUnavailableException>(() =>
            _client.CompetitorsAsync(Endpoint(), new CompetitorQuery("TEST-MALFORMED", MarketCommodity.Power), default));
    }

    [Fact]
    public async Task Wrong_key_is_unavailable_without_retry_and_the_key_appears_nowhere()
    {
        const string wrong = "not-the-market-key-4711";
        var before = _requests.Count;

        var e = await Should.ThrowAsync<MarketDataUnavailableException>(() => _client.LocateAsync(Endpoint(key: wrong), new LocationQuery("80331", MarketCommodity.Gas), default));

        e.Message.ShouldBe("ene't hat den API-Schlüssel abgelehnt (HTTP 401).");
        (_requests.Count - before).ShouldBe(1);
        _logs.Lines.ShouldNotContain(l => l.Contains(wrong) || l.Contains(Key));
        Endpoint(key: wrong).ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task Repeated_outages_open_the_circuit_of_that_brand_and_provider_only()
    {
        var brand = Guid.NewGuid();
        var endpoint = new MarketDataEndpoint(brand, "getag", _server.MarketDataUrl("getag"), Key, 5, Simulated: false);
        var outage = new GridFeeQuery(Joules.Simulators.MarketData.MarketDataSimulator.OutageGridAreaId, MarketCommodity.Power, MarketMetering.Slp);
        await Should.ThrowAsync<MarketDataUnavailableException>(() => _client.GridFeesAsync(endpoint, outage, default));
        await Should.ThrowAsync<MarketDataUnavailableException>(() => _client.GridFeesAsync(endpoint, outage, default));
        var before = _requests.Count;

        var open = await Should.ThrowAsync<MarketDataUnavailableException>(() =>
            _client.LeviesAsync(endpoint, new LevyQuery(MarketCommodity.Power), default));

        open.Message.ShouldBe("GET AG wird vorübergehend nicht angefragt, weil die letzten Anfragen fehlschlugen (Schutzschalter offen).");
        _requests.Count.ShouldBe(before);
        (await _client.LeviesAsync(endpoint with { Provider = "enet", EndpointUrl = _server.MarketDataUrl("enet") }, new LevyQuery(MarketCommodity.Power), default))
            .Source.Provider.ShouldBe("enet");
    }

    private sealed class RequestCounter : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, ct);
        }
    }
}
