using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Joules.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Calculator;

/// <summary>A brand's own website (another origin) embeds the public tariff calculator with einbetten.js; on a phone the
/// customer calculates in the iframe and follows "Jetzt bestellen" into the order funnel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmbeddedCalculatorTests(BrowserApp app) : BrowserTest(app)
{
    private ForeignSite _site = null!;

    /// <summary>The page starts on the brand's own website, not on the host.</summary>
    public override async Task InitializeAsync()
    {
        _site = ForeignSite.Start($"""
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Stadtwerke Sonnental</title></head>
            <body style="margin:0;font-family:sans-serif">
              <h1 id="site-title">Willkommen bei den Stadtwerken</h1>
              <div data-joules-rechner></div>
              <p id="site-footer">Impressum</p>
              <script src="{App.Host.BaseUrl}/rechner/SWS/einbetten.js" async></script>
            </body></html>
            """);
        Page = await App.Browser.NewPageAsync(_site.Url);
        await Page.SetViewportSizeAsync(390, 844);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _site.Dispose();
    }

    [Fact]
    public async Task Website_on_another_origin_embeds_the_calculator_and_its_order_link_opens_the_funnel()
    {
        await Page.GotoAsync(_site.Url);
        var iframe = Page.Locator("[data-joules-rechner] iframe");
        await Expect(iframe).ToHaveAttributeAsync("src", $"{App.Host.BaseUrl}/rechner/SWS?embed=1");
        var frame = await (await iframe.ElementHandleAsync()).ContentFrameAsync() ?? throw new InvalidOperationException("The iframe has no document.");
        await frame.WaitForCircuitAsync();

        var widget = Page.FrameLocator("[data-joules-rechner] iframe");
        var card = widget.GetByTestId("widget-tariff-card").First;
        // Input typed while the prerendered form is being attached to the circuit can be replaced by the first
        // interactive render: type and calculate again until the cards show.
        await Page.UntilShownAsync(async () =>
        {
            await widget.Locator(PageSteps.Field("widget-postal-code")).FillAsync("79100");
            await widget.Locator(PageSteps.Field("widget-kwh")).FillAsync("3000");
            await widget.GetByTestId("widget-calculate").ClickAsync();
        }, card);
        await Expect(card.GetByTestId("widget-first-year")).ToContainTextAsync("€");
        await Expect(card.GetByTestId("widget-instalment")).ToContainTextAsync("€");
        var order = card.GetByTestId("widget-order");
        await Expect(order).ToHaveAttributeAsync("href", new Regex(@"^/bestellen/SWS\?plz=79100&sparte=strom&kwh=3000&tarif=[^&]+$"));
        await Expect(order).ToHaveAttributeAsync("target", "_top");

        // The page told the website its height: the iframe grew with the result cards.
        await Page.WaitForFunctionAsync("() => document.querySelector('[data-joules-rechner] iframe').getBoundingClientRect().height > 700");

        // "Jetzt bestellen" leaves the website for the funnel (top window, Joules origin).
        await order.ClickAsync();
        await Page.WaitForURLAsync(new Regex("^" + Regex.Escape(App.Host.BaseUrl) + @"/bestellen/SWS\?plz=79100&sparte=strom&kwh=3000&tarif="));
    }

    [Fact]
    public async Task Staff_calculator_shows_the_embed_snippet_of_the_selected_brand()
    {
        var office = await App.Browser.NewPageAsync(App.Host.BaseUrl);
        try
        {
            await office.SignInAsync("staff", Joules.Host.Features.Demo.DemoUsers.Password);
            await office.OpenAsync("/tariffs/calculator");
            var snippet = office.GetByTestId("calculator-embed-snippet");
            await Expect(snippet).ToContainTextAsync("<div data-joules-rechner></div>");
            await Expect(snippet).ToContainTextAsync(new Regex("<script src=\"" + Regex.Escape(App.Host.BaseUrl) + "/rechner/[A-Z]+/einbetten.js\" async></script>"));
            await Expect(office.GetByTestId("calculator-embed-copy")).ToBeVisibleAsync();
        }
        finally
        {
            await office.Context.DisposeAsync();
        }
    }

    /// <summary>A static page on localhost (another origin and site than the Joules host on 127.0.0.1).</summary>
    private sealed class ForeignSite : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly byte[] _page;

        private ForeignSite(string html, int port)
        {
            _page = Encoding.UTF8.GetBytes(html);
            Url = $"http://localhost:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public static ForeignSite Start(string html)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new ForeignSite(html, port);
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                context.Response.ContentType = "text/html; charset=utf-8";
                if (context.Request.Url?.AbsolutePath == "/") await context.Response.OutputStream.WriteAsync(_page);
                else context.Response.StatusCode = 404;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
