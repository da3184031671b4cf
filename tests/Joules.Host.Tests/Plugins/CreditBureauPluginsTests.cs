using Joules.Core.Credit;
using Joules.Core.Credit.Http;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Joules.Host.Tests.Plugins;

/// <summary>The seven shipped bureau plugins in a real host with the demo's bureau simulator: they load and answer through
/// the directory, the connection page saves the key encrypted and never shows it, renders in German and English, and its
/// connection test reaches the simulator.</summary>
public sealed class CreditBureauPluginsTests : IClassFixture<CreditBureauPluginsTests.Host>
{
    public static readonly string[] BureauIds = ["schufa", "creditreform", "boniversum", "buergel", "crif", "deltavista", "ksv1870"];

    public sealed class Host : PluginHost
    {
        public Host() : base(developmentLicence: true)
        {
            foreach (var bureau in BureauIds)
            {
                var id = "joules.credit-" + bureau;
                var staging = Path.Combine(PluginsFolder, ".incoming", Guid.NewGuid().ToString("N"));
                TestPlugins.CopyFolder(TestPlugins.Shipped(id), staging);
                Directory.Move(staging, Path.Combine(PluginsFolder, id));
            }
            Settings["Joules:Simulators:Enabled"] = "true";
        }
    }

    private readonly Host _app;

    public CreditBureauPluginsTests(Host app)
    {
        _app = app;
        _app.CreateClient();
    }

    [Fact]
    public async Task All_seven_plugins_load_and_the_directory_lists_and_asks_them()
    {
        var brandId = await BrandIdAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ICreditBureauDirectory>();

        directory.Available.Select(b => b.Id).ShouldBe(BureauIds, ignoreOrder: true);
        var subject = new CreditSubject(CustomerType.Household, Salutation.Mr, "Jonas", "Bestens", null, new DateOnly(1975, 2, 3),
            new Address { Street = "Marktplatz", HouseNumber = "3", PostalCode = "04109", City = "Leipzig" });
        var result = await directory.CheckAsync("buergel", new CreditCheckRequest(Guid.NewGuid(), brandId, "concheck", CreditCheckDepth.Full, subject), default);
        result.Bureau.ShouldBe("buergel");
        result.RawScore.ShouldNotBeNull().ShouldBeInRange(1.0m, 1.4m);
    }

    [Fact]
    public async Task Saved_key_is_stored_encrypted_kept_when_the_field_stays_empty_and_never_shown()
    {
        var brandId = await BrandIdAsync();
        var simulator = new Uri(await SimulatorUrlAsync("crif"));
        await _app.WithScopeAsync(async s =>
        {
            var connections = s.GetRequiredService<CreditBureauConnections>();
            await connections.SaveAsync(brandId, "crif", new CreditBureauConnectionForm
            {
                EndpointUrl = simulator.ToString(), NewApiKey = CreditBureauConnections.SimulatorApiKey, Product = "crif-score", TimeoutSeconds = 5,
            });
            await connections.SaveAsync(brandId, "crif", new CreditBureauConnectionForm { EndpointUrl = simulator.ToString(), Product = "crif-score", TimeoutSeconds = 7 });

            var stored = await s.GetRequiredService<JoulesDbContext>().CreditBureauConnections.AsNoTracking().SingleAsync(c => c.BrandId == brandId && c.Bureau == "crif");
            stored.TimeoutSeconds.ShouldBe(7);
            stored.ProtectedApiKey.ShouldNotBeNullOrEmpty();
            stored.ProtectedApiKey.ShouldNotContain(CreditBureauConnections.SimulatorApiKey);
            var audit = await s.GetRequiredService<JoulesDbContext>().AuditEntries.AsNoTracking().Where(a => a.EntityType.Contains("CreditBureauConnection")).ToListAsync();
            audit.ShouldNotBeEmpty();
            audit.ShouldAllBe(a => a.Changes == null || !a.Changes.Contains(stored.ProtectedApiKey!));

            var form = await connections.LoadFormAsync(brandId, "crif");
            form.HasApiKey.ShouldBeTrue();
            form.NewApiKey.ShouldBeNull();
            form.Simulated.ShouldBeFalse();
            var test = await connections.TestAsync(brandId, "crif");
            test.Error.ShouldBeNull();
            test.Simulated.ShouldBeFalse();
            test.Result.ShouldNotBeNull().RawScore.ShouldNotBeNull().ShouldBeInRange(650, 700);
        });

        using var admin = await SignedInClient.CreateAsync(_app);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var html = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/credit/bureaus/crif"));
        html.ShouldContain("Ein Schlüssel ist gespeichert");
        html.ShouldNotContain(CreditBureauConnections.SimulatorApiKey);
    }

    [Fact]
    public async Task Empty_key_on_a_new_connection_names_the_field()
    {
        var brandId = await BrandIdAsync();
        await _app.WithScopeAsync(async s =>
        {
            var e = await Should.ThrowAsync<DomainException>(() => s.GetRequiredService<CreditBureauConnections>().SaveAsync(brandId, "ksv1870",
                new CreditBureauConnectionForm { EndpointUrl = "https://ksv.example.at/joules", Product = "ksv-rating", TimeoutSeconds = 5 }));
            e.Field.ShouldBe("ApiKey");
        });
    }

    [Theory]
    [InlineData("de-DE", "Auskunftei {0}: Verbindung", "Verbindung testen", "höher = besser", "niedriger = besser")]
    [InlineData("en-GB", "Credit bureau {0}: connection", "Test connection", "higher = better", "lower = better")]
    public async Task Every_bureau_page_renders_in_the_users_language(string culture, string title, string test, string higher, string lower)
    {
        using var admin = await SignedInClient.CreateAsync(_app);
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        foreach (var bureau in Bureaus.All)
        {
            var html = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/credit/bureaus/{bureau.Id}"));

            html.ShouldContain(string.Format(title, bureau.Name));
            html.ShouldContain(test);
            html.ShouldContain(bureau.Products[0].Scale.HigherIsBetter ? higher : lower);
            foreach (var key in new[] { "ConnectionHeading", "StateSimulator", "ApiKeyHelp", "HigherBetter", "LowerBetter", "Resilience" })
                html.ShouldNotContain(">" + key + "<");
        }
    }

    [Fact]
    public async Task Connection_test_reaches_the_simulator_and_names_a_refused_key()
    {
        var brandId = await BrandIdAsync();
        await _app.WithScopeAsync(async s =>
        {
            var connections = s.GetRequiredService<CreditBureauConnections>();
            var simulated = await connections.TestAsync(brandId, "ksv1870");
            simulated.Error.ShouldBeNull();
            simulated.Simulated.ShouldBeTrue();
            simulated.Result.ShouldNotBeNull().RawScore.ShouldNotBeNull().ShouldBeInRange(100, 199);

            await connections.SaveAsync(brandId, "deltavista", new CreditBureauConnectionForm
            {
                EndpointUrl = await SimulatorUrlAsync("deltavista"), NewApiKey = "not-the-key", Product = "deltavista-score", TimeoutSeconds = 5,
            });
            var refused = await connections.TestAsync(brandId, "deltavista");
            refused.Result.ShouldBeNull();
            refused.Error.ShouldNotBeNull().ShouldContain("(401)");
            refused.Error.ShouldNotContain("not-the-key");
        });
    }

    /// <summary>The demo administrator's own brand (the page opens on it).</summary>
    private async Task<Guid> BrandIdAsync()
    {
        var id = Guid.Empty;
        await _app.WithScopeAsync(async s => id = await s.GetRequiredService<JoulesDbContext>().Brands.Where(b => b.Name.Contains("Sonnental")).Select(b => b.Id).SingleAsync());
        return id;
    }

    private async Task<string> SimulatorUrlAsync(string bureau)
    {
        string? url = null;
        await _app.WithScopeAsync(s =>
        {
            url = s.GetRequiredService<CreditBureauConnections>().SimulatorUrl(bureau)?.ToString();
            return Task.CompletedTask;
        });
        return url.ShouldNotBeNull("the host runs no simulator");
    }
}
