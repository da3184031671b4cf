extern alias host;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Joules.Core.Tenancy;
using host::Joules.Host.Plugins;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Bench;

/// <summary>The upload path itself, in-process: the real host (its Program, a temp SQLite file) takes the notes test
/// plugin's signed package through <see cref="IPluginAdministration.InstallPackageAsync"/> — the call the Plugins page
/// makes — and the clock runs until the plugin's endpoint answers 200. No file watcher is involved. Between the
/// repetitions the plugin is removed (<see cref="IPluginAdministration.RemoveAsync"/>).</summary>
public sealed class PluginInstallBenchmark : IBenchmark
{
    private const int Repeats = 5;

    public string Name => "plugin-install";
    public string Description => $"signed package uploaded to a running host (in-process) until its endpoint answers, {Repeats} times";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        await PluginFolders.TestPluginAsync(PluginFolders.NotesId, ct);
        var package = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(PluginFolders.TestPlugins, "packages"), PluginFolders.NotesId + "-*.joules").Single(), ct);
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;
        var plugins = Directory.CreateDirectory(Path.Combine(workFolder, "plugins")).FullName;

        await using var host = new WebApplicationFactory<host::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Joules:DataFolder", data);
            b.UseSetting("Joules:Demo:Customers", "20");
            b.UseSetting("Joules:Plugins:Folder", plugins);
            b.UseSetting("Joules:Plugins:Development", "true");
            b.UseSetting("Joules:Plugins:DevelopmentKeyFolder", PluginFolders.DevelopmentKeys);
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        var client = host.CreateClient();
        (await client.GetAsync("/account/login", ct)).EnsureSuccessStatusCode();

        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            await AsAdminAsync(host, a => a.InstallPackageAsync(new MemoryStream(package), "notes.joules", ct));
            var installed = watch.Elapsed;
            while ((await client.GetAsync(PluginFolders.NotesCountPath, ct)).StatusCode != HttpStatusCode.OK)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("The plugin endpoint did not answer 200 within 30 s.");
                await Task.Delay(5, ct);
            }
            times.Add(watch.Elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   install {i + 1}: verified, written and activated in {installed.TotalMilliseconds:F0} ms, endpoint 200 after {watch.Elapsed.TotalMilliseconds:F0} ms"));
            await AsAdminAsync(host, a => a.RemoveAsync(PluginFolders.NotesId, ct));
        }
        Console.WriteLine($"   upload to endpoint 200: {HostProcess.MedianAndMax(times)} (target < 1000 ms)");
        SqliteConnection.ClearAllPools();
    }

    private static async Task AsAdminAsync(WebApplicationFactory<host::Program> host, Func<IPluginAdministration, Task> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("bench");
        await action(scope.ServiceProvider.GetRequiredService<IPluginAdministration>());
    }
}
