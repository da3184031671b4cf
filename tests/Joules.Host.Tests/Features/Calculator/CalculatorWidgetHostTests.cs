using System.Net;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Tariffs;
using Joules.Host.Features.Calculator;
using Joules.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Joules.Host.Tests.Features.Calculator;

/// <summary>The embeddable calculator in the real host: the embed script, who may frame which page, and the per-client
/// limit of calculations.</summary>
public sealed class CalculatorWidgetHostTests(CalculatorWidgetHostTests.Fixture app) : IClassFixture<CalculatorWidgetHostTests.Fixture>
{
    private const string Ancestors = "https://www.sonnental.example https://*.sonnental.example";
    private const int PerMinute = 3;

    public sealed class Fixture : IAsyncLifetime
    {
        public JoulesAppFactory App { get; } = new();

        public async Task InitializeAsync()
        {
            App.Settings["Joules:Widget:FrameAncestors"] = Ancestors;
            App.Settings["Joules:Widget:CalculationsPerMinute"] = PerMinute.ToString();
            App.CreateClient();
            await App.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<JoulesDbContext>();
                db.Brands.Add(new Brand("WGT", "Widget-Testmarke"));
                await db.SaveChangesAsync();
            });
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private HttpClient Client() => app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Embed_script_is_javascript_that_frames_the_brands_calculator_page()
    {
        var response = await Client().GetAsync("/rechner/wgt/einbetten.js");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        var script = await response.Content.ReadAsStringAsync();
        script.ShouldContain("\"http://localhost/rechner/WGT?embed=1\"");
        script.ShouldContain("[data-joules-rechner]");
        script.ShouldContain("event.origin !== origin");
        script.ShouldContain("var origin = \"http://localhost\"");
    }

    [Fact]
    public void Snippet_for_staff_loads_the_script_into_a_marked_element()
    {
        EmbedScript.Snippet("https://joules.example.de", "SWS")
            .ShouldBe("<div data-joules-rechner></div>\n<script src=\"https://joules.example.de/rechner/SWS/einbetten.js\" async></script>");
    }

    [Fact]
    public async Task Embed_script_of_an_unknown_brand_is_not_found()
    {
        var response = await Client().GetAsync("/rechner/NOPE/einbetten.js");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Calculator_page_may_be_framed_by_the_configured_sites()
    {
        var response = await Client().GetAsync("/rechner/WGT?embed=1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("X-Frame-Options").ShouldBeFalse();
        response.Headers.GetValues("Content-Security-Policy").ShouldBe(["frame-ancestors " + Ancestors]);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"widget-form\"");
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/tariffs/calculator")]
    [InlineData("/bestellen/WGT")]
    [InlineData("/rechner/WGT/einbetten.js")]
    public async Task Every_other_page_may_only_be_framed_by_the_app_itself(string path)
    {
        var response = await Client().GetAsync(path);

        response.Headers.GetValues("X-Frame-Options").ShouldBe(["SAMEORIGIN"]);
        response.Headers.GetValues("Content-Security-Policy").ShouldBe(["frame-ancestors 'self'"]);
    }

    [Fact]
    public void Frame_ancestors_setting_is_one_source_list()
    {
        FramingHeaders.FrameAncestorsOf(null).ShouldBe("*");
        FramingHeaders.FrameAncestorsOf("https://a.example;\r\nscript-src *, https://b.example").ShouldBe("https://a.example script-src * https://b.example");
    }

    [Fact]
    public async Task A_client_over_its_calculations_per_minute_is_refused_while_other_clients_still_calculate()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var widget = scope.ServiceProvider.GetRequiredService<ICalculatorWidgetBackend>();
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var brand = (await widget.BrandAsync("wgt")).ShouldNotBeNull();
        // An invalid postal code: the use case refuses it after the limiter has counted the call.
        var request = new TariffCalculationRequest(Guid.Empty, Commodity.Electricity, CustomerType.Household, "x", 3500m);

        Task Calculate(string address)
        {
            http.HttpContext = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };
            return widget.CalculateAsync(brand, request);
        }

        for (var i = 0; i < PerMinute; i++)
            (await Should.ThrowAsync<DomainException>(() => Calculate("203.0.113.7"))).Field.ShouldBe("PostalCode");
        await Should.ThrowAsync<CalculationLimitExceededException>(() => Calculate("203.0.113.7"));
        (await Should.ThrowAsync<DomainException>(() => Calculate("203.0.113.8"))).Field.ShouldBe("PostalCode");
    }
}
