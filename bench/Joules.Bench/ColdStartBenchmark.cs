using System.Globalization;

namespace Joules.Bench;

/// <summary>Cold process start of the host on a warm database: the time from starting <c>dotnet Joules.Host.dll</c> to the
/// first 200 response of GET /account/login. The data folder is prepared by one earlier start that migrates the
/// database and creates the demo data. Uses the Release build in Joules.Host/bin/Release/net10.0 and builds it if it
/// is missing (prerequisite otherwise: <c>dotnet build -c Release Joules.Host</c>).</summary>
public sealed class ColdStartBenchmark : IBenchmark
{
    private const int Repeats = 3;

    public string Name => "cold-start";
    public string Description => "host process start to first rendered /account/login on a prepared data folder";

    public async Task RunAsync(string workFolder, CancellationToken ct)
    {
        var dll = await HostProcess.ReleaseHostAsync(ct);
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;

        var prepare = await StartAndWaitAsync(dll, data, TimeSpan.FromMinutes(3), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   preparing start (migrations + demo data): {prepare.TotalSeconds:F2} s to the first page"));

        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var elapsed = await StartAndWaitAsync(dll, data, TimeSpan.FromMinutes(1), ct);
            times.Add(elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   cold start {i + 1}: {elapsed.TotalMilliseconds:F0} ms"));
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   median {times[times.Count / 2].TotalMilliseconds:F0} ms (target < 2000 ms)"));
    }

    /// <summary>Starts the host, polls /account/login until it answers 200, stops the host; returns the time to the 200.</summary>
    private static async Task<TimeSpan> StartAndWaitAsync(string dll, string dataFolder, TimeSpan limit, CancellationToken ct)
    {
        await using var host = HostProcess.Start(dll, dataFolder);
        return await host.WaitForAsync("/account/login", limit, ct);
    }
}
