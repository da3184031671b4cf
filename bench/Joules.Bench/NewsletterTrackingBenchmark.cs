using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Joules.Core.Data.Providers;
using Joules.Core.Plugins.Data;
using Joules.Plugins.Newsletter;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Bench;

/// <summary>The newsletter's open pixel and click redirect under load: the Release host (Production) with only the
/// newsletter plugin, a sent campaign with 10 links, 20,000 valid tokens (half opens, half clicks, 10,000 recipients),
/// driven by wrk over keep-alive loopback connections (wrk shares the machine's cores with the host). Afterwards the
/// stored events are counted: every answered request must be a row in joules_newsletter_TrackingEvents.</summary>
public sealed class NewsletterTrackingBenchmark : IBenchmark
{
    public string Name => "newsletter-tracking";
    public string Description => "open/click endpoints with durable event storage, wrk on loopback (target >= 50,000 req/s, p99 < 10 ms)";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : fallback;

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var wrk = new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists)
                  ?? throw new InvalidOperationException("wrk is not installed (apt-get install wrk).");
        var load = await MeasureHostAsync(wrk, workFolder, ct);
        await MeasureBarePipelineAsync(wrk, load, ct);
        await MeasureBareKestrelAsync(wrk, ct);
    }

    /// <summary>What the host's run leaves for the next ones: its data folder (database, key ring) and the wrk scripts with
    /// its signed tokens, and how many requests were answered so far.</summary>
    private sealed record TrackingLoad(string DataFolder, string Script, string FixedScript, long Answered);

    private static async Task<TrackingLoad> MeasureHostAsync(string wrk, string workFolder, CancellationToken ct)
    {
        var dll = await HostProcess.ReleaseHostAsync(ct);
        var plugins = Directory.CreateDirectory(Path.Combine(workFolder, "plugins")).FullName;
        PluginFolders.Copy(Path.Combine(PluginFolders.Shipped, NewsletterPlugin.Id), Path.Combine(plugins, NewsletterPlugin.Id));
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;
        await using var host = HostProcess.Start(dll, data, PluginFolders.Environment(plugins));
        await host.WaitForAsync("/account/login", TimeSpan.FromMinutes(3), ct);
        await host.WaitForAsync($"{NewsletterUrls.EndpointRoot}/o/x", TimeSpan.FromMinutes(1), ct);

        // The bench signs with the installation's key: same database, same Data Protection key ring as the host.
        await using var services = NewsletterServices(data);
        var signer = services.GetRequiredService<TokenSigner>();
        await signer.InitialiseAsync(ct);
        var contexts = services.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        var campaignId = await SeedCampaignAsync(contexts, ct);
        var paths = new List<string>();
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var subscriber = 1 + random.Next(10_000);
            paths.Add(i % 2 == 0
                ? $"{NewsletterUrls.EndpointRoot}/o/{signer.Create(new TrackingToken(TokenPurpose.Open, campaignId, subscriber))}"
                : $"{NewsletterUrls.EndpointRoot}/c/{signer.Create(new TrackingToken(TokenPurpose.Click, campaignId, subscriber, 0, random.Next(10)))}");
        }
        var script = Path.Combine(workFolder, "tokens.lua");
        var lua = new StringBuilder("paths = {\n");
        foreach (var p in paths) lua.Append("  \"").Append(p).Append("\",\n");
        // The requests are formatted once per wrk thread (init), so the load generator spends its time on sockets, not Lua.
        lua.Append("}\nrequests = {}\ninit = function(args)\n  for i, p in ipairs(paths) do\n"
            + "    requests[i] = wrk.format(\"GET\", p, {[\"User-Agent\"] = \"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0\"})\n  end\nend\n"
            + "counter = 0\nrequest = function()\n  counter = counter + 1\n  return requests[(counter % #requests) + 1]\nend\n");
        await File.WriteAllTextAsync(script, lua.ToString(), ct);

        var (threads, connections, seconds) = WrkLoad();
        var warm = await RunWrkAsync(wrk, ["-t", "2", "-c", "32", "-d", "15s", "-s", script, host.BaseUrl], ct);
        Console.WriteLine($"   warm-up: {warm.Requests:N0} requests, {warm.PerSecond:N0} req/s");
        var eventsBefore = await CountEventsAsync(contexts, warm.Requests + 1, ct);
        var run = await RunWrkAsync(wrk, ["-t", threads, "-c", connections,
            "-d", $"{seconds}s", "--latency", "-s", script, host.BaseUrl], ct);
        Console.WriteLine($"   wrk -t{threads} -c{connections} -d{seconds}s (keep-alive, loopback; wrk and the host share {Environment.ProcessorCount} cores):");
        Console.WriteLine($"     {run.Requests:N0} requests, {run.PerSecond:N0} req/s (target >= 50,000); non-2xx/3xx: {run.Errors:N0}; socket errors: {run.SocketErrors}");
        Console.WriteLine($"     latency p50 {run.P50} · p90 {run.P90} · p99 {run.P99} (target p99 < 10 ms)");

        var answered = eventsBefore + run.Requests;
        await ReportStoredAsync(contexts, answered, ct);

        // The same load without a Lua call per request: each wrk thread repeats one valid token (thread 1 an open, thread 2
        // a click), so wrk sends a prebuilt request and leaves more of the cores to the host. Same endpoint work per request.
        var fixedScript = Path.Combine(workFolder, "fixed.lua");
        await File.WriteAllTextAsync(fixedScript, "tokens = {\"" + paths[0] + "\", \"" + paths[1] + "\"}\nnext_thread = 0\n"
            + "setup = function(thread)\n  next_thread = next_thread + 1\n  thread:set(\"token\", tokens[(next_thread - 1) % #tokens + 1])\nend\n"
            + "init = function(args)\n  wrk.path = token\n  wrk.headers[\"User-Agent\"] = \"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0\"\nend\n", ct);
        var fixedRun = await RunWrkAsync(wrk, ["-t", threads, "-c", connections,
            "-d", $"{seconds}s", "--latency", "-s", fixedScript, host.BaseUrl], ct);
        Console.WriteLine($"   same without a Lua call per request (one valid token per wrk thread, prebuilt request):");
        Console.WriteLine($"     {fixedRun.Requests:N0} requests, {fixedRun.PerSecond:N0} req/s (target >= 50,000); non-2xx/3xx: {fixedRun.Errors:N0}; socket errors: {fixedRun.SocketErrors}");
        Console.WriteLine($"     latency p50 {fixedRun.P50} · p90 {fixedRun.P90} · p99 {fixedRun.P99} (target p99 < 10 ms)");
        answered += fixedRun.Requests;
        await ReportStoredAsync(contexts, answered, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var links = await db.LinkStats.Where(l => l.CampaignId == campaignId).SumAsync(l => l.Total, ct);
        var opens = await db.DailyStats.Where(s => s.CampaignId == campaignId && s.Metric == StatMetric.OpenTotal).SumAsync(s => s.Value, ct);
        Console.WriteLine($"   roll-ups: {opens:N0} opens, {links:N0} link clicks; unique openers {await db.RecipientActivities.CountAsync(a => a.CampaignId == campaignId && a.FirstOpenAt != null, ct):N0}");

        // What the same host reaches when the endpoint has nothing to do: a token that fails at once (no HMAC, nothing
        // stored), plain wrk without a script.
        var idle = await RunWrkAsync(wrk, ["-t", threads, "-c", connections,
            "-d", $"{seconds}s", "--latency", $"{host.BaseUrl}{NewsletterUrls.EndpointRoot}/o/x"], ct);
        Console.WriteLine($"   ceiling of this host: same endpoint, invalid token (no token check, nothing stored), plain wrk:");
        Console.WriteLine($"     {idle.PerSecond:N0} req/s, latency p50 {idle.P50} · p99 {idle.P99}");
        return new TrackingLoad(data, script, fixedScript, answered);
    }

    /// <summary>The plugin's own endpoints, writer and store, signing key and database as in the host, but in a bare Kestrel
    /// app (slim builder, no logging, no other middleware or endpoints) in this process after the host has stopped: what
    /// token check and durable storage cost without the host around them.</summary>
    private static async Task MeasureBarePipelineAsync(string wrk, TrackingLoad load, CancellationToken ct)
    {
        var (app, url) = await StartBareAsync(services =>
        {
            AddNewsletterDatabase(services, load.DataFolder);
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<TrackingStore>();
            services.AddSingleton<CampaignDirectory>();
            services.AddSingleton<TrackingWriter>();
            services.AddSingleton<TrackingEndpoints>();
        }, routes => routes.Services.GetRequiredService<TrackingEndpoints>().Map(routes.MapGroup(NewsletterUrls.EndpointRoot)), ct);
        await using var _ = app;
        var contexts = app.Services.GetRequiredService<IDbContextFactory<NewsletterDb>>();
        var (threads, connections, seconds) = WrkLoad();

        var warm = await RunWrkAsync(wrk, ["-t", "2", "-c", "32", "-d", "5s", "-s", load.Script, url], ct);
        var answered = load.Answered + warm.Requests;
        var run = await RunWrkAsync(wrk, ["-t", threads, "-c", connections, "-d", $"{seconds}s", "--latency", "-s", load.Script, url], ct);
        var fixedRun = await RunWrkAsync(wrk, ["-t", threads, "-c", connections, "-d", $"{seconds}s", "--latency", "-s", load.FixedScript, url], ct);
        Console.WriteLine("   the plugin's endpoints, writer and store in a bare Kestrel app (no host, same database and tokens):");
        Console.WriteLine($"     {run.PerSecond:N0} req/s through the Lua script, {fixedRun.PerSecond:N0} req/s with one token per wrk thread; " +
                          $"latency p99 {run.P99} / {fixedRun.P99}; non-2xx/3xx: {run.Errors + fixedRun.Errors:N0}");
        answered += run.Requests + fixedRun.Requests;
        await app.Services.GetRequiredService<TrackingWriter>().FlushAsync(ct);
        await ReportStoredAsync(contexts, answered, ct);
        await app.StopAsync(ct);
    }

    /// <summary>Starts a bare Kestrel app on a free loopback port (slim builder, no logging, no middleware) with only the
    /// given services and routes; returns it with its base address.</summary>
    private static async Task<(WebApplication App, string Url)> StartBareAsync(Action<IServiceCollection> services,
        Action<WebApplication> routes, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        services(builder.Services);
        var app = builder.Build();
        routes(app);
        await app.StartAsync(ct);
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'));
    }

    private static (string Threads, string Connections, int Seconds) WrkLoad() =>
        (Setting("JOULES_BENCH_WRK_THREADS", 2).ToString(CultureInfo.InvariantCulture),
         Setting("JOULES_BENCH_WRK_CONNECTIONS", 64).ToString(CultureInfo.InvariantCulture),
         Setting("JOULES_BENCH_WRK_SECONDS", 20));

    /// <summary>The machine's ceiling for any endpoint: a bare Kestrel app (slim builder, no logging, no middleware) in this
    /// process, whose one route only writes the GIF, under the same plain wrk load. The host is stopped by then.</summary>
    private static async Task MeasureBareKestrelAsync(string wrk, CancellationToken ct)
    {
        var (app, root) = await StartBareAsync(_ => { }, routes => routes.MapGet("/o/{token}", (HttpContext context) =>
        {
            context.Response.ContentType = "image/gif";
            context.Response.ContentLength = TrackingEndpoints.Pixel.Length;
            return context.Response.Body.WriteAsync(TrackingEndpoints.Pixel, context.RequestAborted).AsTask();
        }), ct);
        await using var _ = app;
        var url = root + "/o/x";
        var (threads, connections, seconds) = WrkLoad();
        await RunWrkAsync(wrk, ["-t", "2", "-c", "32", "-d", "5s", url], ct);
        var bare = await RunWrkAsync(wrk, ["-t", threads, "-c", connections, "-d", $"{seconds}s", "--latency", url], ct);
        Console.WriteLine($"   ceiling of this machine: bare Kestrel app (no host, no middleware) answering the GIF, plain wrk -t{threads} -c{connections}:");
        Console.WriteLine($"     {bare.PerSecond:N0} req/s, latency p50 {bare.P50} · p99 {bare.P99}");
        await app.StopAsync(ct);
    }

    private static async Task ReportStoredAsync(IDbContextFactory<NewsletterDb> contexts, long answered, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var stored = await CountEventsAsync(contexts, answered, ct);
        Console.WriteLine($"   stored events: {stored:N0} of {answered:N0} answered requests (incl. warm-up and readiness check) " +
                          $"{(stored >= answered ? "- all durable" : "- MISSING " + (answered - stored).ToString("N0", CultureInfo.InvariantCulture))}; " +
                          $"last committed {watch.ElapsedMilliseconds} ms after the load ended");
    }

    /// <summary>The plugin's context factory and token signer over the host's data folder.</summary>
    internal static ServiceProvider NewsletterServices(string dataFolder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        AddNewsletterDatabase(services, dataFolder);
        return services.BuildServiceProvider();
    }

    /// <summary>The plugin's database, Data Protection key ring and token signer of the host's data folder.</summary>
    private static void AddNewsletterDatabase(IServiceCollection services, string dataFolder)
    {
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(dataFolder, "joules.db")};Pooling=True" };
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys"))).SetApplicationName("Joules");
        services.AddSingleton(database);
        services.AddDbContextFactory<NewsletterDb>(o => PluginDatabase.Configure(o, database, NewsletterPlugin.Id, () => null, () => true));
        services.AddSingleton<TokenSigner>();
    }

    private static async Task<long> SeedCampaignAsync(IDbContextFactory<NewsletterDb> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var campaign = new Campaign
        {
            BrandId = Guid.NewGuid(), Name = "Bench", Subject = "Bench", HtmlBody = "<p>bench</p>", Status = CampaignStatus.Sent,
            StartedAt = DateTimeOffset.UtcNow.AddDays(-1), FinishedAt = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(1),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        for (var i = 0; i < 10; i++) db.CampaignLinks.Add(new CampaignLink { CampaignId = campaign.Id, Index = i, Url = $"https://www.stadtwerke-sonnental.de/angebot/{i}" });
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    /// <summary>Polls the event count until it reaches <paramref name="expected"/> or stops growing for 2 s.</summary>
    private static async Task<long> CountEventsAsync(IDbContextFactory<NewsletterDb> contexts, long expected, CancellationToken ct)
    {
        long last = -1;
        var stable = Stopwatch.StartNew();
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var count = await db.TrackingEvents.LongCountAsync(ct);
            if (count >= expected) return count;
            if (count != last) { last = count; stable.Restart(); }
            else if (stable.Elapsed > TimeSpan.FromSeconds(2)) return count;
            await Task.Delay(20, ct);
        }
    }

    private sealed record WrkResult(long Requests, double PerSecond, long Errors, string SocketErrors, string P50, string P90, string P99);

    private static async Task<WrkResult> RunWrkAsync(string wrk, string[] args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(wrk) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        string Match(string pattern) => Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : "?";
        var requests = long.Parse(Match(@"^\s*(\d+) requests in"), CultureInfo.InvariantCulture);
        var perSecond = double.Parse(Match(@"^Requests/sec:\s*([\d.]+)"), CultureInfo.InvariantCulture);
        var errors = long.TryParse(Match(@"Non-2xx or 3xx responses:\s*(\d+)"), out var e) ? e : 0;
        var socket = Match(@"Socket errors:\s*(.+)$");
        return new WrkResult(requests, perSecond, errors, socket == "?" ? "none" : socket,
            Match(@"^\s*50%\s+(\S+)"), Match(@"^\s*90%\s+(\S+)"), Match(@"^\s*99%\s+(\S+)"));
    }
}
