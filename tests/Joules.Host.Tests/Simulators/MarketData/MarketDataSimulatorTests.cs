using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Joules.Simulators;
using Joules.Simulators.MarketData;

namespace Joules.Host.Tests.Simulators.MarketData;

/// <summary>The market data simulator over real HTTP: address resolution with ambiguous postal codes, grid fees, levies, default
/// supply and competitor tariffs within the ranges of the domain research (§2.4–§2.6), authentication and the test postal codes.</summary>
public sealed class MarketDataSimulatorTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() =>
        _server = await SimulatorServer.StartAsync(new SimulatorServerOptions { MarketData = { SlowDelay = TimeSpan.FromSeconds(20) } });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("enet")]
    [InlineData("getag")]
    public async Task Knows_at_least_8000_postal_codes(string provider)
    {
        var json = await GetJsonAsync(provider, "v1/postal-codes/count");

        json.GetProperty("count").GetInt32().ShouldBeGreaterThanOrEqualTo(8000);
        json.GetProperty("source").GetString().ShouldBe(provider);
    }

    [Fact]
    public async Task Both_providers_answer_from_the_same_data_and_name_themselves_as_source()
    {
        var enet = await GetJsonAsync("enet", "v1/grid-fees?gridAreaId=STR-0001&commodity=power&metering=slp&date=2025-03-01");
        var getag = await GetJsonAsync("getag", "v1/grid-fees?gridAreaId=STR-0001&commodity=power&metering=slp&date=2025-03-01");

        enet.GetProperty("source").GetString().ShouldBe("enet");
        getag.GetProperty("source").GetString().ShouldBe("getag");
        getag.GetProperty("workingPriceCtPerKwh").GetDecimal().ShouldBe(enet.GetProperty("workingPriceCtPerKwh").GetDecimal());
        enet.GetProperty("validFrom").GetString().ShouldBe("2025-01-01");
        enet.GetProperty("validTo").GetString().ShouldBe("2025-12-31");
        enet.GetProperty("publishedAt").GetString().ShouldBe("2024-12-15");
    }

    [Fact]
    public async Task Postal_code_with_two_areas_and_no_street_is_ambiguous_and_lists_the_streets_of_each_candidate()
    {
        var json = await GetJsonAsync("enet", "v1/locations?postalCode=10115&city=Berlin&commodity=power");

        json.GetProperty("city").GetString().ShouldBe("Berlin");
        json.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        candidates.Count.ShouldBe(2);
        candidates.Select(c => c.GetProperty("gridAreaName").GetString()).ShouldBe(["Berlin-Mitte Strom", "Berlin-Nord Strom"]);
        var mitteStreets = candidates[0].GetProperty("streets").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        mitteStreets.ShouldContain("Chausseestraße");
        mitteStreets.ShouldNotContain("Torstraße");
        candidates[0].GetProperty("gridOperator").GetProperty("code").GetString()!.Length.ShouldBe(13);
        candidates[0].GetProperty("defaultSupplier").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        candidates[0].GetProperty("concessionClass").GetInt32().ShouldBe(4);
    }

    [Theory]
    [InlineData("Torstraße", null, "Berlin-Nord Strom")]
    [InlineData("chausseestr.", null, "Berlin-Mitte Strom")]
    [InlineData("Gartenstraße", "12", "Berlin-Mitte Strom")]
    [InlineData("Gartenstraße", "50a", "Berlin-Nord Strom")]
    public async Task Postal_code_with_two_areas_and_a_street_resolves_to_the_streets_area(string street, string? houseNumber, string area)
    {
        var url = $"v1/locations?postalCode=10115&commodity=power&street={Uri.EscapeDataString(street)}"
            + (houseNumber is null ? "" : $"&houseNumber={houseNumber}");
        var json = await GetJsonAsync("getag", url);

        json.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        json.GetProperty("streetMatched").GetBoolean().ShouldBeTrue();
        var candidate = json.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem();
        candidate.GetProperty("gridAreaName").GetString().ShouldBe(area);
        candidate.GetProperty("streets").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Split_street_without_house_number_stays_ambiguous_between_its_areas()
    {
        var json = await GetJsonAsync("enet", "v1/locations?postalCode=10115&commodity=power&street=Gartenstra%C3%9Fe");

        json.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        json.GetProperty("candidates").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_street_keeps_all_candidates_and_says_it_did_not_match()
    {
        var json = await GetJsonAsync("enet", "v1/locations?postalCode=10115&commodity=power&street=Nirgendweg");

        json.GetProperty("ambiguous").GetBoolean().ShouldBeTrue();
        json.GetProperty("streetMatched").GetBoolean().ShouldBeFalse();
        json.GetProperty("candidates").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Gas_at_the_Berlin_test_postal_code_has_one_area()
    {
        var json = await GetJsonAsync("enet", "v1/locations?postalCode=10115&commodity=gas&street=Torstra%C3%9Fe");

        json.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        json.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem().GetProperty("gridAreaName").GetString().ShouldBe("Berlin-Nord Gas");
    }

    [Fact]
    public async Task Koeln_test_postal_code_spans_three_power_areas()
    {
        var all = await GetJsonAsync("enet", "v1/locations?postalCode=50667&commodity=power");
        all.GetProperty("candidates").GetArrayLength().ShouldBe(3);

        var heumarkt = await GetJsonAsync("enet", "v1/locations?postalCode=50667&commodity=power&street=Heumarkt&houseNumber=3");
        heumarkt.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem().GetProperty("gridAreaName").GetString().ShouldBe("Köln-Süd Strom");
    }

    [Fact]
    public async Task Answers_write_umlauts_as_they_are()
    {
        using var response = await RawAsync("enet", "v1/locations?postalCode=50667&commodity=power&street=Heumarkt");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"Köln-Süd Strom\"");
    }

    [Fact]
    public async Task Postal_code_with_one_area_is_not_ambiguous()
    {
        var json = await GetJsonAsync("getag", "v1/locations?postalCode=80331&commodity=power");

        json.GetProperty("city").GetString().ShouldBe("München");
        json.GetProperty("ambiguous").GetBoolean().ShouldBeFalse();
        json.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem().GetProperty("streets").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Every_ambiguous_postal_code_resolves_by_each_of_its_streets()
    {
        var set = MarketDataSet.Shared;
        foreach (var entry in set.PostalCodes.Where(p => p.Power.Count > 1).Take(40))
        {
            var street = entry.Streets.First(s => s.HouseNumberFrom is null);
            var json = await GetJsonAsync("enet", $"v1/locations?postalCode={entry.Code}&commodity=power&street={Uri.EscapeDataString(street.Name)}&houseNumber=7");
            json.GetProperty("candidates").EnumerateArray().ShouldHaveSingleItem().GetProperty("gridAreaId").GetString().ShouldBe(street.Power.Id);
        }
    }

    [Fact]
    public async Task Unknown_postal_code_answers_404_with_a_JSON_error()
    {
        var (status, json) = await SendAsync("enet", "v1/locations?postalCode=99999&commodity=power");

        status.ShouldBe(HttpStatusCode.NotFound);
        json.GetProperty("code").GetString().ShouldBe("POSTAL_CODE_NOT_FOUND");
        json.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("enet", "v1/locations?postalCode=6020&commodity=power")]
    [InlineData("getag", "v1/locations?postalCode=6330&commodity=gas")]
    [InlineData("enet", "v1/grid-fees?gridAreaId=STR-0001&commodity=power&metering=slp&postalCode=6020")]
    public async Task An_Austrian_postal_code_is_not_covered_and_answers_404(string provider, string url)
    {
        var (status, json) = await SendAsync(provider, url);

        status.ShouldBe(HttpStatusCode.NotFound);
        json.GetProperty("code").GetString().ShouldBe("POSTAL_CODE_NOT_FOUND");
        json.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("not covered");
    }

    [Theory]
    [InlineData("v1/locations?postalCode=101&commodity=power")]
    [InlineData("v1/locations?postalCode=10115&commodity=wasser")]
    [InlineData("v1/locations?postalCode=1O115&commodity=power")]
    [InlineData("v1/grid-fees?gridAreaId=STR-0001&commodity=power&metering=xyz")]
    [InlineData("v1/grid-fees?gridAreaId=STR-0001&commodity=power&metering=slp&date=01.03.2025")]
    [InlineData("v1/grid-fees?gridAreaId=STR-0001&commodity=gas&metering=slp")]
    [InlineData("v1/competitors?gridAreaId=STR-0001&commodity=power&customerType=vip")]
    [InlineData("v1/levies?commodity=")]
    public async Task Malformed_input_answers_400(string url)
    {
        var (status, json) = await SendAsync("enet", url);

        status.ShouldBe(HttpStatusCode.BadRequest);
        json.GetProperty("code").GetString().ShouldBe("INVALID_REQUEST");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Missing_or_wrong_key_answers_401(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.MarketDataUrl("enet"), "v1/locations?postalCode=10115&commodity=power"));
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().ShouldBe("UNAUTHORIZED");
    }

    [Fact]
    public async Task Unknown_provider_answers_404()
    {
        var (status, json) = await SendAsync("verivox", "v1/levies?commodity=power");
        status.ShouldBe(HttpStatusCode.NotFound);
        json.GetProperty("code").GetString().ShouldBe("UNKNOWN_PROVIDER");
    }

    [Fact]
    public async Task Grid_fees_of_every_area_lie_within_the_typical_ranges_in_both_years()
    {
        foreach (var area in await AreaIdsAsync("power"))
        foreach (var date in new[] { "2025-06-30", "2026-01-01" })
        {
            var slp = await GetJsonAsync("enet", $"v1/grid-fees?gridAreaId={area}&commodity=power&metering=slp&date={date}");
            slp.GetProperty("workingPriceCtPerKwh").GetDecimal().ShouldBeInRange(5m, 12m);
            slp.GetProperty("basePriceEurPerYear").GetDecimal().ShouldBeInRange(0m, 100m);
            slp.GetProperty("meteringEurPerYear").GetDecimal().ShouldBeInRange(10m, 25m);
            var cls = slp.GetProperty("concessionClass").GetInt32();
            slp.GetProperty("concessionFeeCtPerKwh").GetDecimal().ShouldBe(new[] { 1.32m, 1.59m, 1.99m, 2.39m }[cls - 1]);
            slp.GetProperty("concessionFeeSpecialCtPerKwh").GetDecimal().ShouldBe(0.11m);
            slp.GetProperty("bands").ValueKind.ShouldBe(JsonValueKind.Null);

            var rlm = await GetJsonAsync("enet", $"v1/grid-fees?gridAreaId={area}&commodity=power&metering=rlm&date={date}");
            rlm.GetProperty("utilizationThresholdHours").GetInt32().ShouldBe(2500);
            rlm.GetProperty("workingPriceCtPerKwh").ValueKind.ShouldBe(JsonValueKind.Null);
            var bands = rlm.GetProperty("bands").EnumerateArray().ToList();
            bands.Count.ShouldBe(2);
            bands[0].GetProperty("toHours").GetInt32().ShouldBe(2500);
            bands[1].GetProperty("fromHours").GetInt32().ShouldBe(2500);
            bands[1].GetProperty("toHours").ValueKind.ShouldBe(JsonValueKind.Null);
            decimal Lp(JsonElement b) => b.GetProperty("capacityPriceEurPerKwYear").GetDecimal();
            decimal Ap(JsonElement b) => b.GetProperty("workingPriceCtPerKwh").GetDecimal();
            Ap(bands[0]).ShouldBeInRange(4m, 8m);
            Lp(bands[0]).ShouldBeInRange(10m, 30m);
            Ap(bands[1]).ShouldBeLessThan(Ap(bands[0]));
            Lp(bands[1]).ShouldBeGreaterThan(Lp(bands[0]));
            // Both bands cost the same at exactly 2,500 h (€/kW/a): LP + 2,500 h × AP / 100.
            (Lp(bands[0]) + 25m * Ap(bands[0])).ShouldBe(Lp(bands[1]) + 25m * Ap(bands[1]));
        }

        foreach (var area in await AreaIdsAsync("gas"))
        {
            var slp = await GetJsonAsync("enet", $"v1/grid-fees?gridAreaId={area}&commodity=gas&metering=slp&date=2026-03-01");
            slp.GetProperty("workingPriceCtPerKwh").GetDecimal().ShouldBeInRange(0.8m, 2.5m);
            slp.GetProperty("basePriceEurPerYear").GetDecimal().ShouldBeInRange(0m, 150m);
            slp.GetProperty("concessionFeeCtPerKwh").GetDecimal().ShouldBeInRange(0.22m, 0.40m);
            slp.GetProperty("concessionFeeSpecialCtPerKwh").GetDecimal().ShouldBe(0.03m);
            var rlm = await GetJsonAsync("enet", $"v1/grid-fees?gridAreaId={area}&commodity=gas&metering=rlm&date=2026-03-01");
            rlm.GetProperty("bands").EnumerateArray().ShouldHaveSingleItem().GetProperty("capacityPriceEurPerKwYear").GetDecimal().ShouldBeInRange(8m, 22m);
        }
    }

    [Fact]
    public async Task Grid_fees_use_the_concession_class_of_a_given_postal_code()
    {
        var entry = MarketDataSet.Shared.PostalCodes.First(p => p.ConcessionClass != p.Power[0].ConcessionClass);
        var json = await GetJsonAsync("enet", $"v1/grid-fees?gridAreaId={entry.Power[0].Id}&commodity=power&metering=slp&date=2025-01-01&postalCode={entry.Code}");

        json.GetProperty("concessionClass").GetInt32().ShouldBe(entry.ConcessionClass);
    }

    [Fact]
    public async Task Grid_fees_outside_the_covered_years_answer_404()
    {
        var (status, json) = await SendAsync("enet", "v1/grid-fees?gridAreaId=STR-0001&commodity=power&metering=slp&date=2024-12-31");
        status.ShouldBe(HttpStatusCode.NotFound);
        json.GetProperty("code").GetString().ShouldBe("NO_DATA_FOR_DATE");

        var (unknown, _) = await SendAsync("enet", "v1/grid-fees?gridAreaId=STR-9999&commodity=power&metering=slp&date=2025-01-01");
        unknown.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Power_levies_differ_between_2025_and_2026_as_published()
    {
        var y2025 = Levies(await GetJsonAsync("enet", "v1/levies?commodity=power&date=2025-12-31"));
        var y2026 = Levies(await GetJsonAsync("enet", "v1/levies?commodity=power&date=2026-01-01"));

        y2025["KWKG"].ShouldBe(0.277m);
        y2026["KWKG"].ShouldBe(0.446m);
        y2025["OFFSHORE"].ShouldBe(0.816m);
        y2026["OFFSHORE"].ShouldBe(0.941m);
        y2025["BESONDERE_NETZNUTZUNG"].ShouldBe(1.558m);
        y2026["BESONDERE_NETZNUTZUNG"].ShouldBe(1.559m);
        var json = await GetJsonAsync("getag", "v1/levies?commodity=power&date=2026-05-01");
        json.GetProperty("tax").GetProperty("ctPerKwh").GetDecimal().ShouldBe(2.05m);
        json.GetProperty("vatPercent").GetDecimal().ShouldBe(19m);
        json.GetProperty("validFrom").GetString().ShouldBe("2026-01-01");
    }

    [Fact]
    public async Task Gas_storage_levy_ends_with_2025()
    {
        var y2025 = await GetJsonAsync("enet", "v1/levies?commodity=gas&date=2025-12-31");
        var y2026 = await GetJsonAsync("enet", "v1/levies?commodity=gas&date=2026-01-01");

        Levies(y2025)["GASSPEICHERUMLAGE"].ShouldBe(0.289m);
        Levies(y2026)["GASSPEICHERUMLAGE"].ShouldBe(0m);
        Levies(y2025)["CO2_PREIS"].ShouldBe(0.998m);
        y2025.GetProperty("tax").GetProperty("code").GetString().ShouldBe("ENERGIESTEUER");
        y2026.GetProperty("tax").GetProperty("ctPerKwh").GetDecimal().ShouldBe(0.55m);
    }

    [Fact]
    public async Task Default_supply_of_every_area_is_within_the_usual_gross_prices()
    {
        foreach (var (commodity, low, high) in new[] { ("power", 35m, 45m), ("gas", 11m, 15m) })
        foreach (var area in await AreaIdsAsync(commodity))
        foreach (var date in new[] { "2025-02-01", "2026-02-01" })
        {
            var json = await GetJsonAsync("getag", $"v1/default-supply?gridAreaId={area}&commodity={commodity}&date={date}");
            (json.GetProperty("workingPriceCtPerKwh").GetDecimal() * 1.19m).ShouldBeInRange(low, high, $"{area} {date}");
            json.GetProperty("basePriceEurPerYear").GetDecimal().ShouldBeInRange(90m, 250m);
            json.GetProperty("supplier").GetProperty("code").GetString()!.Length.ShouldBe(13);
            json.GetProperty("tariffName").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public async Task Every_area_has_20_to_60_competitor_tariffs_mostly_cheaper_than_default_supply()
    {
        foreach (var commodity in new[] { "power", "gas" })
        foreach (var area in await AreaIdsAsync(commodity))
        {
            var supply = await GetJsonAsync("enet", $"v1/default-supply?gridAreaId={area}&commodity={commodity}&date=2026-04-01");
            var defaultPrice = supply.GetProperty("workingPriceCtPerKwh").GetDecimal();
            foreach (var type in new[] { "household", "business" })
            {
                var json = await GetJsonAsync("enet", $"v1/competitors?gridAreaId={area}&commodity={commodity}&customerType={type}&date=2026-04-01");
                json.GetProperty("customerType").GetString().ShouldBe(type);
                var tariffs = json.GetProperty("tariffs").EnumerateArray().ToList();
                tariffs.Count.ShouldBeInRange(20, 60, $"{area} {type}");
                tariffs.Select(t => t.GetProperty("provider").GetProperty("code").GetString()).Distinct().Count().ShouldBe(tariffs.Count);
                var cheaper = tariffs.Count(t => t.GetProperty("workingPriceCtPerKwh").GetDecimal() < defaultPrice);
                cheaper.ShouldBeGreaterThan(tariffs.Count / 2, $"{area} {type}");
                foreach (var t in tariffs)
                {
                    t.GetProperty("workingPriceCtPerKwh").GetDecimal().ShouldBeInRange(defaultPrice * 0.65m, defaultPrice * 1.2m);
                    t.GetProperty("basePriceEurPerYear").GetDecimal().ShouldBeGreaterThan(0m);
                    t.GetProperty("priceGuaranteeMonths").GetInt32().ShouldBeOneOf(0, 12, 24);
                    t.GetProperty("minimumTermMonths").GetInt32().ShouldBeOneOf(0, 1, 12, 24);
                    if (t.GetProperty("newCustomerBonus") is { ValueKind: JsonValueKind.Object } bonus)
                        bonus.GetProperty("kind").GetString().ShouldBeOneOf("fixed", "percent");
                }
            }
        }
    }

    [Fact]
    public async Task Competitor_tariffs_have_bonuses_guarantees_and_terms_somewhere()
    {
        var json = await GetJsonAsync("enet", "v1/competitors?gridAreaId=STR-0001&commodity=power&customerType=household&date=2025-05-01");
        var tariffs = json.GetProperty("tariffs").EnumerateArray().ToList();

        tariffs.ShouldContain(t => t.GetProperty("newCustomerBonus").ValueKind == JsonValueKind.Object);
        tariffs.ShouldContain(t => t.GetProperty("priceGuaranteeMonths").GetInt32() > 0);
        tariffs.ShouldContain(t => t.GetProperty("minimumTermMonths").GetInt32() == 12);
        tariffs[0].GetProperty("provider").GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
        tariffs[0].GetProperty("tariffName").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Outage_postal_code_answers_503()
    {
        var (status, json) = await SendAsync("enet", $"v1/locations?postalCode={MarketDataSimulator.OutagePostalCode}&commodity=power");

        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        json.GetProperty("code").GetString().ShouldBe("SERVICE_UNAVAILABLE");

        var (areaStatus, _) = await SendAsync("getag", $"v1/grid-fees?gridAreaId={MarketDataSimulator.OutageGridAreaId}&commodity=power&metering=slp");
        areaStatus.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Malformed_postal_code_answers_200_with_a_body_that_is_not_JSON()
    {
        using var response = await RawAsync("enet", $"v1/locations?postalCode={MarketDataSimulator.MalformedPostalCode}&commodity=power");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Should.Throw<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Slow_postal_code_does_not_answer_within_a_client_timeout()
    {
        using var impatient = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        await Should.ThrowAsync<TaskCanceledException>(() =>
            RawAsync("enet", $"v1/locations?postalCode={MarketDataSimulator.SlowPostalCode}&commodity=power", impatient));
    }

    [Fact]
    public async Task Slow_postal_code_answers_a_location_after_the_configured_delay()
    {
        await using var quick = await SimulatorServer.StartAsync(new SimulatorServerOptions { MarketData = { SlowDelay = TimeSpan.FromMilliseconds(50) } });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(quick.MarketDataUrl("enet"), "v1/locations?postalCode=00408&commodity=gas"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MarketDataSimulatorOptions.DemoApiKey);
        using var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await ReadJsonAsync(response);
        json.GetProperty("postalCode").GetString().ShouldBe("00408");
        json.GetProperty("candidates").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Test_grid_areas_answer_malformed_and_slowly_on_the_area_endpoints()
    {
        using var malformed = await RawAsync("getag", $"v1/competitors?gridAreaId={MarketDataSimulator.MalformedGridAreaId}&commodity=gas&date=2025-01-01");
        malformed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await malformed.Content.ReadAsStringAsync();
        Should.Throw<JsonException>(() => JsonDocument.Parse(text));

        await using var quick = await SimulatorServer.StartAsync(new SimulatorServerOptions { MarketData = { SlowDelay = TimeSpan.FromMilliseconds(50) } });
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(quick.MarketDataUrl("getag"), $"v1/default-supply?gridAreaId={MarketDataSimulator.SlowGridAreaId}&commodity=gas&date=2026-01-01"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MarketDataSimulatorOptions.DemoApiKey);
        using var slow = await _http.SendAsync(request);
        slow.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(slow)).GetProperty("gridAreaId").GetString().ShouldStartWith("GAS-");
    }

    [Fact]
    public async Task Grid_area_list_names_every_area_with_its_operator_and_postal_code_count()
    {
        var json = await GetJsonAsync("getag", "v1/grid-areas?commodity=gas");
        var areas = json.GetProperty("gridAreas").EnumerateArray().ToList();

        areas.ShouldAllBe(a => a.GetProperty("gridAreaId").GetString()!.StartsWith("GAS-"));
        areas.ShouldAllBe(a => a.GetProperty("postalCodeCount").GetInt32() > 0);
        areas.Select(a => a.GetProperty("gridOperator").GetProperty("code").GetString()).Distinct().Count().ShouldBeGreaterThan(50);
    }

    private static Dictionary<string, decimal> Levies(JsonElement json) =>
        json.GetProperty("levies").EnumerateArray().ToDictionary(l => l.GetProperty("code").GetString()!, l => l.GetProperty("ctPerKwh").GetDecimal());

    private async Task<List<string>> AreaIdsAsync(string commodity)
    {
        var json = await GetJsonAsync("enet", $"v1/grid-areas?commodity={commodity}");
        var ids = json.GetProperty("gridAreas").EnumerateArray().Select(a => a.GetProperty("gridAreaId").GetString()!).ToList();
        ids.Count.ShouldBeGreaterThan(100);
        return ids;
    }

    private async Task<JsonElement> GetJsonAsync(string provider, string url)
    {
        var (status, json) = await SendAsync(provider, url);
        status.ShouldBe(HttpStatusCode.OK, $"{url}: {json}");
        json.GetProperty("source").GetString().ShouldBe(provider);
        return json;
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(string provider, string url)
    {
        using var response = await RawAsync(provider, url);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    private async Task<HttpResponseMessage> RawAsync(string provider, string url, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.MarketDataUrl(provider), url));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MarketDataSimulatorOptions.DemoApiKey);
        return await (client ?? _http).SendAsync(request);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }
}
