using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.MarketData;
using Joules.Core.Integration;
using Joules.Core.MarketData;
using Joules.Host.Tests.Credit.Http;
using Joules.Host.Tests.Infrastructure;
using Joules.Simulators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Joules.Host.Tests.MarketData;

/// <summary>The market data service in a real host against the simulator: fallback to the next provider, answers kept in
/// the store and served without a call while fresh, stale answers with the reasons when every provider fails, an error
/// without any, not-found without fallback, and the API key encrypted at rest and absent from reasons and logs.</summary>
public sealed class MarketDataServiceTests(MarketDataServiceTests.Fixture app) : IClassFixture<MarketDataServiceTests.Fixture>
{
    private const string WrongKey = "wrong-market-key-31337";

    public sealed class Fixture : IAsyncLifetime
    {
        public SimulatorServer Server { get; private set; } = null!;
        public JoulesAppFactory App { get; private set; } = null!;
        public RequestCounter Requests { get; } = new();
        public ShiftedClock Clock { get; } = new();
        public CapturingLoggerProvider Logs { get; } = new();

        public async Task InitializeAsync()
        {
            Server = await SimulatorServer.StartAsync(new SimulatorServerOptions { MarketData = { SlowDelay = TimeSpan.FromSeconds(4) } });
            App = new JoulesAppFactory
            {
                TestServices = s =>
                {
                    s.AddSingleton<TimeProvider>(Clock);
                    s.AddSingleton<IExternalServiceSimulators>(new FixedSimulators(Server.BaseUrl));
                    s.AddHttpClient(JsonMarketDataClient.HttpClientName).AddHttpMessageHandler(() => Requests);
                    s.AddScoped<IMarketDataProvider, EnetAdapter>();
                    s.AddScoped<IMarketDataProvider, GetAgAdapter>();
                    s.AddLogging(b => b.AddProvider(Logs));
                },
            };
            App.CreateClient();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Second_call_is_served_from_the_store_without_a_provider_call()
    {
        var brand = await NewBrandAsync();
        var query = new LevyQuery(MarketCommodity.Power) { Date = new DateOnly(2026, 2, 1) };

        var first = await RunAsync(s => s.LeviesAsync(brand, query));
        var before = app.Requests.Count;
        var second = await RunAsync(s => s.LeviesAsync(brand, query));

        first.Source.FromStore.ShouldBeFalse();
        first.Source.Provider.ShouldBe("enet");
        second.Source.FromStore.ShouldBeTrue();
        second.Source.Stale.ShouldBeFalse();
        second.Levies.ShouldBe(first.Levies);
        second.Source.FetchedAt.ShouldBe(first.Source.FetchedAt);
        app.Requests.Count.ShouldBe(before);
        await WithDbAsync(async db => (await db.MarketDataCache.AsNoTracking().SingleAsync(e => e.Key == "enet|levies|power|2026-01-01")).Kind.ShouldBe("levies"));
    }

    [Fact]
    public async Task Answers_held_in_memory_are_served_without_reading_the_store()
    {
        var brand = await NewBrandAsync();
        var query = new GridFeeQuery("STR-0004", MarketCommodity.Power, MarketMetering.Slp) { Date = new DateOnly(2026, 3, 1) };
        var first = await RunAsync(s => s.GridFeesAsync(brand, query));
        var key = MarketDataService.StoreKey("enet", query, first.Source.ValidFrom);
        // Another process clears the store: this process still holds the answer and asks nobody.
        await WithDbAsync(async db => (await db.MarketDataCache.Where(e => e.Key == key).ExecuteDeleteAsync()).ShouldBe(1));
        var before = app.Requests.Count;

        var second = await RunAsync(s => s.GridFeesAsync(brand, query));

        second.Source.FromStore.ShouldBeTrue();
        second.WorkingPriceCtPerKwh.ShouldBe(first.WorkingPriceCtPerKwh);
        app.Requests.Count.ShouldBe(before);
    }

    [Fact]
    public async Task Stored_answer_older_than_the_fresh_hours_is_fetched_again_and_the_store_updated()
    {
        var brand = await NewBrandAsync();
        var query = new GridFeeQuery("STR-0002", MarketCommodity.Power, MarketMetering.Slp) { Date = new DateOnly(2025, 5, 1) };
        var first = await RunAsync(s => s.GridFeesAsync(brand, query));

        app.Clock.Advance(TimeSpan.FromHours(25));
        var before = app.Requests.Count;
        var again = await RunAsync(s => s.GridFeesAsync(brand, query));

        app.Requests.Count.ShouldBe(before + 1);
        again.Source.FromStore.ShouldBeFalse();
        again.Source.FetchedAt.ShouldBeGreaterThan(first.Source.FetchedAt.AddHours(24));
        var key = MarketDataService.StoreKey("enet", query, new DateOnly(2025, 1, 1));
        await WithDbAsync(async db => (await db.MarketDataCache.AsNoTracking().SingleAsync(e => e.Key == key)).FetchedAt.ShouldBe(again.Source.FetchedAt, TimeSpan.FromMilliseconds(5)));
    }

    [Fact]
    public async Task Unavailable_first_provider_falls_over_to_the_second_and_the_key_stays_secret()
    {
        var brand = await NewBrandAsync();
        await SaveConnectionAsync(brand, "enet", WrongKey, priority: 1);

        var location = await RunAsync(s => s.LocateAsync(brand, new LocationQuery("80331", MarketCommodity.Power)));

        location.Source.Provider.ShouldBe("getag");
        location.Candidates.Single().GridAreaName.ShouldBe("München-Nord Strom");
        await WithDbAsync(async db =>
        {
            var stored = await db.MarketDataConnections.AsNoTracking().IgnoreQueryFilters().SingleAsync(c => c.BrandId == brand && c.Provider == "enet");
            stored.ProtectedApiKey.ShouldNotBeNullOrEmpty();
            stored.ProtectedApiKey.ShouldNotContain(WrongKey);
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType.Contains("MarketDataConnection")).ToListAsync();
            audit.ShouldAllBe(a => a.Changes == null || !a.Changes.Contains(WrongKey));
        });
        app.Logs.Lines.ShouldNotContain(l => l.Contains(WrongKey));
    }

    [Fact]
    public async Task When_every_provider_fails_the_stored_answer_is_served_stale_with_the_reasons()
    {
        var query = new DefaultSupplyQuery("STR-0003", MarketCommodity.Power) { Date = new DateOnly(2026, 4, 1) };
        var first = await NewBrandAsync();
        var fetched = await RunAsync(s => s.DefaultSupplyAsync(first, query));
        app.Clock.Advance(TimeSpan.FromHours(30));
        var brand = await NewBrandAsync();
        await SaveConnectionAsync(brand, "enet", WrongKey, priority: 1);
        await SaveConnectionAsync(brand, "getag", WrongKey, priority: 2);

        var stale = await RunAsync(s => s.DefaultSupplyAsync(brand, query));

        stale.Source.Stale.ShouldBeTrue();
        stale.Source.FromStore.ShouldBeTrue();
        stale.Source.FetchedAt.ShouldBe(fetched.Source.FetchedAt);
        stale.WorkingPriceCtPerKwh.ShouldBe(fetched.WorkingPriceCtPerKwh);
        var reason = stale.Source.StaleReason.ShouldNotBeNull();
        reason.ShouldContain("ene't hat den API-Schlüssel abgelehnt (HTTP 401).");
        reason.ShouldContain("GET AG hat den API-Schlüssel abgelehnt (HTTP 401).");
        reason.ShouldNotContain(WrongKey);
    }

    [Fact]
    public async Task When_every_provider_fails_and_nothing_is_stored_the_call_fails_with_each_reason()
    {
        var brand = await NewBrandAsync();
        await SaveConnectionAsync(brand, "getag", WrongKey, priority: 1);

        var e = await Should.ThrowAsync<MarketDataUnavailableException>(() =>
            RunAsync(s => s.DefaultSupplyAsync(brand, new DefaultSupplyQuery("TEST-503", MarketCommodity.Gas) { Date = new DateOnly(2025, 8, 1) })));

        e.Message.ShouldStartWith("Keine Marktdaten für den 01.08.2025");
        e.Message.ShouldContain("GET AG hat den API-Schlüssel abgelehnt (HTTP 401).");
        e.Message.ShouldContain("ene't meldet einen Serverfehler (HTTP 503).");
    }

    [Fact]
    public async Task Unknown_postal_code_is_not_found_without_asking_the_next_provider()
    {
        var brand = await NewBrandAsync();
        var before = app.Requests.Count;

        var e = await Should.ThrowAsync<MarketDataNotFoundException>(() => RunAsync(s => s.LocateAsync(brand, new LocationQuery("99999", MarketCommodity.Gas))));

        e.Message.ShouldBe("ene't kennt die Postleitzahl 99999 nicht.");
        app.Requests.Count.ShouldBe(before + 1);
    }

    [Fact]
    public async Task Switched_off_provider_is_not_asked()
    {
        var brand = await NewBrandAsync();
        await SaveConnectionAsync(brand, "enet", MarketDataConnections.SimulatorApiKey, priority: 1, enabled: false);

        var levies = await RunAsync(s => s.LeviesAsync(brand, new LevyQuery(MarketCommodity.Gas) { Date = new DateOnly(2025, 9, 9) }));

        levies.Source.Provider.ShouldBe("getag");
    }

    [Fact]
    public async Task Connection_test_resolves_the_Berlin_test_location_at_the_simulator()
    {
        var brand = await NewBrandAsync();
        MarketDataConnectionTest? test = null;
        await app.App.WithScopeAsync(async s => test = await s.GetRequiredService<MarketDataConnections>().TestAsync(brand, "getag"));

        test.ShouldNotBeNull().Error.ShouldBeNull();
        test.Simulated.ShouldBeTrue();
        test.Result.ShouldNotBeNull().Candidates.Count.ShouldBe(2);
    }

    private async Task<T> RunAsync<T>(Func<MarketDataService, Task<T>> call)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        T result = default!;
        await app.App.WithScopeAsync(async s => result = await call(s.GetRequiredService<MarketDataService>()));
        return result;
    }

    private async Task WithDbAsync(Func<JoulesDbContext, Task> work) =>
        await app.App.WithScopeAsync(s => work(s.GetRequiredService<JoulesDbContext>()));

    private static int _brands;

    private async Task<Guid> NewBrandAsync()
    {
        var brand = new Brand("MD" + Interlocked.Increment(ref _brands), "Marktdaten-Testmarke " + _brands);
        await WithDbAsync(async db =>
        {
            db.Brands.Add(brand);
            await db.SaveChangesAsync();
        });
        return brand.Id;
    }

    private async Task SaveConnectionAsync(Guid brand, string provider, string key, int priority, bool enabled = true) =>
        await app.App.WithScopeAsync(s => s.GetRequiredService<MarketDataConnections>().SaveAsync(brand, provider, new MarketDataConnectionForm
        {
            EndpointUrl = app.Server.MarketDataUrl(provider).ToString(), NewApiKey = key, TimeoutSeconds = 5, Priority = priority, Enabled = enabled,
        }));

    public sealed class EnetAdapter(MarketDataConnections c, JsonMarketDataClient j) : HttpMarketDataProvider(MarketDataProviders.Enet, c, j);

    public sealed class GetAgAdapter(MarketDataConnections c, JsonMarketDataClient j) : HttpMarketDataProvider(MarketDataProviders.GetAg, c, j);

    private sealed class FixedSimulators(Uri baseUrl) : IExternalServiceSimulators
    {
        public Uri? BaseUrl => baseUrl;
    }

    /// <summary>The system clock moved forward by a settable amount (timers and timestamps stay real).</summary>
    public sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }

    public sealed class RequestCounter : DelegatingHandler
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
