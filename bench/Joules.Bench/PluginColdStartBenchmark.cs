using System.Globalization;

namespace Joules.Bench;

/// <summary>Cold process start of the host with every plugin of the repository installed: the shipped plugins of
/// <c>plugins-bin/</c> plus the test plugins notes and probe (not faulty), copied into a temporary plugins folder. Times
/// from starting <c>dotnet Joules.Host.dll</c> to the first 200 of GET /account/login and of the notes plugin's public
/// endpoint (plugins load before the host listens, so both should be about the same). The data folder is prepared by
/// one earlier start (migrations of the core and the plugins, demo data).</summary>
public sealed class PluginColdStartBenchmark : IBenchmark
{
    private const int Repeats = 3;

    public string Name => "plugin-cold-start";
    public string Description => "host process start with all plugins installed to first /account/login and first plugin endpoint";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var dll = await HostProcess.ReleaseHostAsync(ct);
        var plugins = Directory.CreateDirectory(Path.Combine(workFolder, "plugins")).FullName;
        var sources = PluginFolders.ShippedPlugins().ToList();
        sources.Add(await PluginFolders.TestPluginAsync(PluginFolders.NotesId, ct));
        sources.Add(await PluginFolders.TestPluginAsync(PluginFolders.ProbeId, ct));
        foreach (var source in sources) PluginFolders.Copy(source, Path.Combine(plugins, Path.GetFileName(source)));
        Console.WriteLine($"   plugins installed ({sources.Count}): {string.Join(", ", sources.Select(Path.GetFileName))}"
                          + $" ({PluginFolders.ShippedPlugins().Count} shipped)");
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;
        var environment = PluginFolders.Environment(plugins);

        var prepare = await StartAndWaitAsync(dll, data, environment, TimeSpan.FromMinutes(3), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   preparing start (migrations + demo data): {prepare.Login.TotalSeconds:F2} s to the first page"));

        var logins = new List<TimeSpan>();
        var endpoints = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var (login, endpoint) = await StartAndWaitAsync(dll, data, environment, TimeSpan.FromMinutes(1), ct);
            logins.Add(login);
            endpoints.Add(endpoint);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   cold start {i + 1}: /account/login {login.TotalMilliseconds:F0} ms, {PluginFolders.NotesCountPath} {endpoint.TotalMilliseconds:F0} ms"));
        }
        logins.Sort();
        endpoints.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   median {logins[Repeats / 2].TotalMilliseconds:F0} ms to /account/login (target < 3000 ms), {endpoints[Repeats / 2].TotalMilliseconds:F0} ms to the plugin endpoint"));
    }

    /// <summary>Starts the host, polls /account/login and then the notes endpoint until each answers 200, stops the host.</summary>
    private static async Task<(TimeSpan Login, TimeSpan Endpoint)> StartAndWaitAsync(
        string dll, string dataFolder, Dictionary<string, string> environment, TimeSpan limit, CancellationToken ct)
    {
        await using var host = HostProcess.Start(dll, dataFolder, environment);
        var login = await host.WaitForAsync("/account/login", limit, ct);
        var endpoint = await host.WaitForAsync(PluginFolders.NotesCountPath, TimeSpan.FromSeconds(30), ct);
        return (login, endpoint);
    }
}
