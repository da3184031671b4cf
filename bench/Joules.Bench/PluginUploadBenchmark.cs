using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Joules.Bench;

/// <summary>Live installation of a plugin into a running host (Release, temporary data and plugins folders, real HTTP).
/// There is no HTTP upload endpoint (the upload is a Blazor page), so this measures the "move-in" path that the upload
/// ends in as well: the notes test plugin's folder is copied into a staging folder inside the plugins folder and moved
/// into place; the clock runs from the start of the copy until GET /plugins/joules.test.notes/count answers 200, and
/// then until the plugin's page /test-notes answers 200 for a signed-in administrator. The folder watcher waits a quiet
/// period before it syncs (PluginFolderWatcher.QuietPeriod); the figures are also given without it. Between the
/// repetitions the folder is moved out to a trash folder and the benchmark waits until the endpoint answers 404/503.
/// An in-process measurement of IPluginAdministration.InstallPackageAsync is left out: the bench references neither
/// Joules.Host nor Microsoft.AspNetCore.Mvc.Testing.</summary>
public sealed partial class PluginUploadBenchmark : IBenchmark
{
    private const int Repeats = 5;

    /// <summary>PluginFolderWatcher.QuietPeriod in Joules.Host (internal there; keep in step).</summary>
    private static readonly TimeSpan WatcherQuietPeriod = TimeSpan.FromMilliseconds(300);

    private const string PagePath = "/test-notes";

    public string Name => "plugin-upload";
    public string Description => $"notes plugin moved into a running host's plugins folder until its endpoint and page answer, {Repeats} times";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var dll = await HostProcess.ReleaseHostAsync(ct);
        var notes = await PluginFolders.TestPluginAsync(PluginFolders.NotesId, ct);
        var plugins = Directory.CreateDirectory(Path.Combine(workFolder, "plugins")).FullName;
        var staging = Directory.CreateDirectory(Path.Combine(plugins, ".staging")).FullName;
        var trash = Directory.CreateDirectory(Path.Combine(workFolder, "trash")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;
        var installed = Path.Combine(plugins, PluginFolders.NotesId);

        await using var host = HostProcess.Start(dll, data, PluginFolders.Environment(plugins));
        var ready = await host.WaitForAsync("/account/login", TimeSpan.FromMinutes(3), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   host started (migrations + demo data, empty plugins folder): {ready.TotalSeconds:F2} s to the first page"));
        using var admin = await SignInAsync(host.BaseUrl, ct);
        await host.WaitForAsync(admin, PluginFolders.NotesCountPath, NotRunning, TimeSpan.FromSeconds(10), ct);

        var copies = new List<TimeSpan>();
        var endpoints = new List<TimeSpan>();
        var pages = new List<TimeSpan>();
        var removals = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            var copy = Path.Combine(staging, $"{PluginFolders.NotesId}-{Guid.NewGuid():N}");
            PluginFolders.Copy(notes, copy);
            Directory.Move(copy, installed);
            copies.Add(watch.Elapsed);
            await host.WaitForAsync(admin, PluginFolders.NotesCountPath, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), ct);
            endpoints.Add(watch.Elapsed);
            await host.WaitForAsync(admin, PagePath, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), ct);
            pages.Add(watch.Elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   move-in {i + 1}: copy + move {copies[^1].TotalMilliseconds:F0} ms, endpoint 200 after {endpoints[^1].TotalMilliseconds:F0} ms"
                + $" ({(endpoints[^1] - WatcherQuietPeriod).TotalMilliseconds:F0} ms without debounce), page 200 after {pages[^1].TotalMilliseconds:F0} ms"));

            watch.Restart();
            Directory.Move(installed, Path.Combine(trash, $"{PluginFolders.NotesId}-{Guid.NewGuid():N}"));
            await host.WaitForAsync(admin, PluginFolders.NotesCountPath, NotRunning, TimeSpan.FromSeconds(60), ct);
            removals.Add(watch.Elapsed);
            await host.WaitForAsync(admin, PagePath, s => s == HttpStatusCode.NotFound, TimeSpan.FromSeconds(30), ct);
        }

        var debounce = WatcherQuietPeriod.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        Console.WriteLine($"   watcher debounce (PluginFolderWatcher.QuietPeriod): {debounce} ms");
        Console.WriteLine($"   endpoint 200: {HostProcess.MedianAndMax(endpoints)}");
        Console.WriteLine($"   endpoint 200 without debounce: {HostProcess.MedianAndMax(endpoints.Select(t => t - WatcherQuietPeriod))} (target < 1000 ms)");
        Console.WriteLine($"   page 200: {HostProcess.MedianAndMax(pages)}; without debounce {HostProcess.MedianAndMax(pages.Select(t => t - WatcherQuietPeriod))}");
        Console.WriteLine($"   copy + move alone: {HostProcess.MedianAndMax(copies)}; removal until 404/503: {HostProcess.MedianAndMax(removals)}");
        Console.WriteLine("   (in-process InstallPackageAsync not measured: the bench references neither Joules.Host nor Mvc.Testing)");
    }

    private static bool NotRunning(HttpStatusCode status) => status is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable;

    /// <summary>Signs in as the demo administrator through the real sign-in form (antiforgery token and cookie).</summary>
    private static async Task<HttpClient> SignInAsync(string baseUrl, CancellationToken ct)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30),
        };
        var form = await client.GetStringAsync("/account/login", ct);
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "admin",
            ["Input.Password"] = "Joules-Demo-2026",
        }), ct);
        if ((int)response.StatusCode is not (302 or 303))
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as admin failed: {(int)response.StatusCode}");
        }
        return client;
    }
}
