using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Joules.Bench;

/// <summary>First paint of the public order funnel on the demo, as a new visitor's browser sees it: the Release host with
/// demo data (environment Development, as the demo runs) is started once, then every sample opens the page in a fresh browser context (empty cache, no cookies) of
/// the machine's Debian chromium (never downloaded) with a phone viewport and reads from the page: time to first byte
/// (navigation <c>responseStart</c>), first contentful paint (<c>performance.getEntriesByType('paint')</c>), DOM content
/// loaded (<c>domContentLoadedEventEnd</c>), the moment the Blazor circuit is up (Joules.Host.lib.module.js sets
/// <c>window.__blazorServerStarted</c>; an init script stamps it) and "interactive": the first frame in which the circuit is
/// up and a visible, enabled text input is on the page (stamped in the page; afterwards the sample checks that the input
/// takes typing). All times are in ms
/// since the navigation started. One cold sample per page (its first load after the host start; the very first page
/// also pays the process's first render) and <c>JOULES_BENCH_ROUNDS</c> warm ones (default 20). Pages: /bestellen/SWS
/// plus the comma-separated paths of <c>JOULES_BENCH_PAGES</c>. Target (issue): first paint under 1 s.</summary>
public sealed class FunnelFirstPaintBenchmark : IBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const double TargetMs = 1000;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Stamps the moment the Blazor circuit is up (the host's JS initializer sets the flag) and the first frame in
    /// which the circuit is up and a visible, enabled text input is on the page (interactive).</summary>
    private const string Stamps = """
        (() => {
            let started = false;
            Object.defineProperty(window, '__blazorServerStarted', {
                configurable: true,
                get() { return started; },
                set(value) { started = value; if (value && window.__benchCircuitAt === undefined) window.__benchCircuitAt = performance.now(); }
            });
            const typable = i => ['text', 'number', 'search', 'tel', 'email', ''].includes(i.getAttribute('type') || '')
                && !i.disabled && !i.readOnly && i.getClientRects().length > 0;
            const watch = () => {
                if (window.__benchCircuitAt !== undefined && [...document.querySelectorAll('input')].some(typable)) {
                    window.__benchInteractiveAt = performance.now();
                    return;
                }
                requestAnimationFrame(watch);
            };
            requestAnimationFrame(watch);
        })();
        """;

    /// <summary>Waits for the first contentful paint (buffered), then returns the navigation and paint figures.</summary>
    private const string ReadTimings = """
        async () => {
            const fcp = () => performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
            if (!fcp()) await new Promise(resolve => {
                new PerformanceObserver((list, observer) => { if (fcp()) { observer.disconnect(); resolve(); } })
                    .observe({ type: 'paint', buffered: true });
                setTimeout(resolve, 30000);
            });
            const nav = performance.getEntriesByType('navigation')[0];
            const fp = performance.getEntriesByType('paint').find(e => e.name === 'first-paint');
            return {
                ttfb: nav.responseStart, fcp: fcp() ? fcp().startTime : -1, fp: fp ? fp.startTime : -1,
                dcl: nav.domContentLoadedEventEnd, htmlBytes: nav.transferSize, htmlDecoded: nav.decodedBodySize
            };
        }
        """;

    private const string ReadResources = """
        () => performance.getEntriesByType('resource').map(r => ({
            name: r.name, type: r.initiatorType, transfer: r.transferSize, decoded: r.decodedBodySize,
            start: r.startTime, end: r.responseEnd, blocking: r.renderBlockingStatus || '', status: r.responseStatus || 0
        }))
        """;

    public string Name => "funnel-first-paint";
    public string Description => "public order funnel in chromium on the demo: TTFB, first contentful paint, DOM loaded, circuit up, interactive (target FCP < 1 s)";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}: install the Debian package 'chromium' (no browser is downloaded).");
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("JOULES_BENCH_ROUNDS"), out var r) && r > 0 ? r : 20;
        var pages = new List<string> { "/bestellen/SWS" };
        foreach (var extra in (Environment.GetEnvironmentVariable("JOULES_BENCH_PAGES") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!pages.Contains(extra)) pages.Add(extra.StartsWith('/') ? extra : "/" + extra);

        var dll = await HostProcess.ReleaseHostAsync(ct);
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;
        // Development, as the demo runs: started from the build output (not published), Production answers the static web
        // assets (MudBlazor's CSS and JS, blazor.web.js) with empty bodies, so no page would be styled or interactive.
        await using var host = HostProcess.Start(dll, data, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        // A static file, so that no page is rendered before the first sample.
        var ready = await host.WaitForAsync("/favicon.svg", TimeSpan.FromMinutes(5), ct);
        Console.WriteLine(Invariant($"   host (Release build, Development as the demo, demo data) answering after {ready.TotalSeconds:F1} s; {rounds} warm rounds; pages: {string.Join(", ", pages)}"));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
        Console.WriteLine($"   chromium {browser.Version}, viewport 390×844, fresh context per sample; load average (1/5/15 min) {LoadAverage()}");

        var cold = new Dictionary<string, Sample>();
        foreach (var page in pages)
        {
            var sample = await SampleAsync(browser, host.BaseUrl, page, showResources: true);
            cold[page] = sample;
        }
        var warm = pages.ToDictionary(p => p, _ => new List<Sample>());
        for (var i = 0; i < rounds; i++)
            foreach (var page in pages)
                warm[page].Add(await SampleAsync(browser, host.BaseUrl, page, showResources: false));

        Console.WriteLine($"   load average (1/5/15 min) after the samples: {LoadAverage()}");
        foreach (var page in pages)
        {
            Console.WriteLine($"   {page}");
            var c = cold[page];
            Console.WriteLine(Invariant($"     cold: TTFB {c.Ttfb:F0}, first paint {c.Fp:F0}, FCP {c.Fcp:F0}, DOM loaded {c.Dcl:F0}, circuit {c.Circuit:F0}, interactive {c.Interactive:F0} ms; HTML {c.HtmlBytes / 1024.0:F0} KB on the wire"));
            Console.WriteLine($"     warm ({warm[page].Count}):        p50      p95      max");
            Row("TTFB", warm[page].Select(s => s.Ttfb));
            Row("first paint (any pixel)", warm[page].Select(s => s.Fp));
            Row("first contentful paint", warm[page].Select(s => s.Fcp));
            Row("DOM content loaded", warm[page].Select(s => s.Dcl));
            Row("circuit up", warm[page].Select(s => s.Circuit));
            Row("interactive", warm[page].Select(s => s.Interactive));
            var all = warm[page].Append(c).ToList();
            Console.WriteLine($"     first contentful paint came after the circuit was up in {all.Count(s => s.Fcp >= s.Circuit)} of {all.Count} samples");
            var p95 = Percentile(warm[page].Select(s => s.Fcp).ToList(), 95);
            var met = p95 < TargetMs && c.Fcp < TargetMs;
            Console.WriteLine(Invariant($"     target first paint < {TargetMs:F0} ms: {(met ? "met" : "missed")} (cold {c.Fcp:F0} ms, warm p95 {p95:F0} ms)"));
        }
    }

    private sealed record Sample(double Ttfb, double Fp, double Fcp, double Dcl, double Circuit, double Interactive, long HtmlBytes);

    private static async Task<Sample> SampleAsync(IBrowser browser, string baseUrl, string path, bool showResources)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, Locale = "de-DE", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = false,
        });
        context.SetDefaultTimeout(60_000);
        await context.AddInitScriptAsync(Stamps);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        if (response is null || !response.Ok) throw new InvalidOperationException($"{path} answered {response?.Status.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
        var timings = await page.EvaluateAsync<JsonElement>(ReadTimings);
        await page.WaitForFunctionAsync("() => window.__benchInteractiveAt !== undefined");
        var circuit = await page.EvaluateAsync<double>("() => window.__benchCircuitAt");
        var interactive = await page.EvaluateAsync<double>("() => window.__benchInteractiveAt");
        // The stamp must mean something: the first input takes typing now (not timed, the driver's round trips would count).
        var input = page.Locator("input[type=text]:visible, input:not([type]):visible, input[type=number]:visible, input[type=search]:visible, input[type=tel]:visible").First;
        await input.FillAsync("79100");
        var typed = await input.InputValueAsync();
        if (typed != "79100") throw new InvalidOperationException($"{path}: the first input did not accept typing (value '{typed}')");
        if (showResources) await PrintResourcesAsync(page, path, timings);
        return new Sample(timings.GetProperty("ttfb").GetDouble(), timings.GetProperty("fp").GetDouble(), timings.GetProperty("fcp").GetDouble(), timings.GetProperty("dcl").GetDouble(),
            circuit, interactive, timings.GetProperty("htmlBytes").GetInt64());
    }

    /// <summary>What the first load of a page fetched: size on the wire and unpacked, when it arrived, render-blocking or not.</summary>
    private static async Task PrintResourcesAsync(IPage page, string path, JsonElement timings)
    {
        var resources = await page.EvaluateAsync<JsonElement>(ReadResources);
        Console.WriteLine(Invariant($"   {path} first load: HTML {timings.GetProperty("htmlBytes").GetInt64() / 1024.0:F1} KB on the wire ({timings.GetProperty("htmlDecoded").GetInt64() / 1024.0:F1} KB), first paint {timings.GetProperty("fp").GetDouble():F0} ms"));
        foreach (var res in resources.EnumerateArray())
        {
            var name = new Uri(res.GetProperty("name").GetString()!).PathAndQuery;
            if (name.Length > 70) name = name[..70] + "…";
            Console.WriteLine(Invariant(
                $"     {name,-72} {res.GetProperty("type").GetString(),-6} {res.GetProperty("transfer").GetDouble() / 1024.0,7:F1} KB wire {res.GetProperty("decoded").GetDouble() / 1024.0,7:F1} KB  {res.GetProperty("start").GetDouble(),5:F0}–{res.GetProperty("end").GetDouble(),5:F0} ms HTTP {res.GetProperty("status").GetInt32()} {res.GetProperty("blocking").GetString()}"));
        }
    }

    private static void Row(string label, IEnumerable<double> values)
    {
        var list = values.ToList();
        Console.WriteLine(Invariant($"       {label,-24} {Percentile(list, 50),6:F0}   {Percentile(list, 95),6:F0}   {list.Max(),6:F0} ms"));
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The machine's load average: other builds on the machine slow every figure down.</summary>
    private static string LoadAverage()
    {
        try { return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
