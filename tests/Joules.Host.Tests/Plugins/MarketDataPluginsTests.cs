using System.Globalization;
using Bunit;
using Joules.Core.Data;
using Joules.Core.MarketData;
using Joules.Core.Tenancy;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Shouldly;

namespace Joules.Host.Tests.Plugins;

/// <summary>The two shipped market data plugins in a real host with the demo's market data simulator: they load and answer
/// through the service, their pages render in German and English without showing a key, and the lookup asks for the
/// street on an ambiguous postal code and then shows one grid area with its prices.</summary>
public sealed class MarketDataPluginsTests : IClassFixture<MarketDataPluginsTests.Host>
{
    public static readonly string[] ProviderIds = ["enet", "getag"];

    public sealed class Host : PluginHost
    {
        public Host() : base(developmentLicence: true)
        {
            foreach (var provider in ProviderIds)
            {
                var id = "joules.marketdata-" + provider;
                var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
                TestPlugins.CopyFolder(TestPlugins.Shipped(id), staging);
                Directory.Move(staging, Path.Combine(PluginsFolder, id));
            }
            Settings["Joules:Simulators:Enabled"] = "true";
        }
    }

    private readonly Host _app;

    public MarketDataPluginsTests(Host app)
    {
        _app = app;
        _app.CreateClient();
    }

    [Fact]
    public async Task Both_plugins_load_and_the_service_asks_them_in_order()
    {
        var brandId = await BrandIdAsync();
        await _app.WithScopeAsync(async s =>
        {
            s.GetRequiredService<IMarketDataProviderDirectory>().Available.Select(p => p.Id).ShouldBe(ProviderIds, ignoreOrder: true);
            var service = s.GetRequiredService<MarketDataService>();
            (await service.ProvidersAsync(brandId)).Select(p => p.Id).ShouldBe(["enet", "getag"]);
            var location = await service.LocateAsync(brandId, new LocationQuery("50667", MarketCommodity.Gas, "Heumarkt"));
            location.Source.Provider.ShouldBe("enet");
            location.Candidates.Single().GridAreaName.ShouldBe("Köln-Süd Gas");
        });
    }

    [Theory]
    [InlineData("de-DE", "Marktdaten {0}: Verbindung und Abfrage", "Verbindung testen", "Marktdaten abfragen")]
    [InlineData("en-GB", "Market data {0}: connection and lookup", "Test connection", "Look up market data")]
    public async Task Every_provider_page_renders_in_the_users_language(string culture, string title, string test, string lookup)
    {
        using var admin = await SignedInClient.CreateAsync(_app);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        foreach (var provider in Joules.Core.Domain.MarketData.MarketDataProviders.All)
        {
            var html = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/marketdata/providers/{provider.Id}"));

            html.ShouldContain(string.Format(title, provider.Name));
            html.ShouldContain(test);
            html.ShouldContain(lookup);
            html.ShouldNotContain(MarketDataConnections.SimulatorApiKey);
            foreach (var key in new[] { "ConnectionHeading", "StateSimulator", "ApiKeyHelp", "Resilience", "PriorityHelp", "Heading" })
                html.ShouldNotContain(">" + key + "<");
        }
    }

    [Fact]
    public async Task Saved_key_is_shown_only_as_stored()
    {
        var brandId = await BrandIdAsync();
        const string key = "getag-secret-key-2026";
        await _app.WithScopeAsync(async s => await s.GetRequiredService<MarketDataConnections>().SaveAsync(brandId, "getag",
            new MarketDataConnectionForm { EndpointUrl = "https://getag.example.de/joules", NewApiKey = key, TimeoutSeconds = 5, Priority = 2 }));

        using var admin = await SignedInClient.CreateAsync(_app);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var html = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/marketdata/providers/getag"));
        html.ShouldContain("Ein Schlüssel ist gespeichert");
        html.ShouldContain("Schlüssel gespeichert");
        html.ShouldNotContain(key);
        await _app.WithScopeAsync(s => s.GetRequiredService<MarketDataConnections>().DeleteAsync(brandId, "getag"));
    }

    [Fact]
    public async Task Lookup_asks_for_the_street_on_an_ambiguous_postal_code_and_then_shows_one_area_with_its_prices()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        var brandId = await BrandIdAsync();
        var lookupType = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "Joules.Plugins.MarketData.Enet")
            .GetType("Joules.Plugins.MarketData.Shared.MarketDataLookup", throwOnError: true)!;
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("test");
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<MarketDataService>());
        ctx.Render<MudPopoverProvider>();
        var lookup = ctx.Render<LookupHost>(p => p.Add(x => x.Type, lookupType).Add(x => x.BrandId, brandId));

        lookup.Find("input[data-testid=lookup-postal-code], [data-testid=lookup-postal-code] input").Change("10115");
        await lookup.InvokeAsync(() => lookup.Find("[data-testid=lookup-run]").Click());

        lookup.WaitForAssertion(() => lookup.Find("[data-testid=lookup-ask-street]").TextContent.ShouldContain("Bitte Straße"), TimeSpan.FromSeconds(20));
        var candidates = lookup.Find("[data-testid=lookup-candidates]").TextContent;
        candidates.ShouldContain("Berlin-Mitte Strom");
        candidates.ShouldContain("Berlin-Nord Strom");
        candidates.ShouldContain("Gartenstraße 1–49");
        lookup.FindAll("[data-testid=lookup-grid-fees]").ShouldBeEmpty();

        lookup.Find("input[data-testid=lookup-street], [data-testid=lookup-street] input").Change("Torstraße");
        await lookup.InvokeAsync(() => lookup.Find("[data-testid=lookup-run]").Click());

        // Grid fees, levies and default supply arrive one after the other: wait for all three.
        lookup.WaitForAssertion(() =>
        {
            lookup.Find("[data-testid=lookup-grid-fees]");
            lookup.Find("[data-testid=lookup-levies]");
            lookup.Find("[data-testid=lookup-default-supply]");
        }, TimeSpan.FromSeconds(20));
        lookup.FindAll("[data-testid=lookup-ask-street]").ShouldBeEmpty();
        lookup.Find("[data-testid=lookup-candidates]").TextContent.ShouldContain("Berlin-Nord Strom");
        lookup.Find("[data-testid=lookup-candidates]").TextContent.ShouldNotContain("Berlin-Mitte Strom");
        lookup.Find("[data-testid=lookup-levies]").TextContent.ShouldContain("Stromsteuer");
        lookup.Find("[data-testid=lookup-default-supply]").TextContent.ShouldContain("ct/kWh");
        lookup.FindAll("[data-testid=source-provider]").ShouldAllBe(e => e.TextContent.Contains("Quelle: ene't"));
    }

    /// <summary>Renders a component known only by its type (the plugin's, loaded by the host).</summary>
    public sealed class LookupHost : ComponentBase
    {
        [Parameter] public Type Type { get; set; } = null!;
        [Parameter] public Guid BrandId { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent(0, Type);
            builder.AddAttribute(1, "BrandId", BrandId);
            builder.CloseComponent();
        }
    }

    private async Task<Guid> BrandIdAsync()
    {
        var id = Guid.Empty;
        await _app.WithScopeAsync(async s => id = await s.GetRequiredService<JoulesDbContext>().Brands.Where(b => b.Name.Contains("Sonnental")).Select(b => b.Id).SingleAsync());
        return id;
    }
}
