using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

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
        var root = FindRepositoryRoot();
        var binaries = Path.Combine(root, "Joules.Host", "bin", "Release", "net10.0");
        var dll = Path.Combine(binaries, "Joules.Host.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine("   building Joules.Host (Release) ...");
            await RunToEndAsync("dotnet", ["build", "-c", "Release", Path.Combine(root, "Joules.Host")], root, ct);
        }
        var data = Directory.CreateDirectory(Path.Combine(workFolder, "data")).FullName;

        var prepare = await StartAndWaitAsync(dll, binaries, data, TimeSpan.FromMinutes(3), ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   preparing start (migrations + demo data): {prepare.TotalSeconds:F2} s to the first page"));

        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var elapsed = await StartAndWaitAsync(dll, binaries, data, TimeSpan.FromMinutes(1), ct);
            times.Add(elapsed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   cold start {i + 1}: {elapsed.TotalMilliseconds:F0} ms"));
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   median {times[times.Count / 2].TotalMilliseconds:F0} ms (target < 2000 ms)"));
    }

    /// <summary>Starts the host, polls /account/login until it answers 200, stops the host; returns the time to the 200.</summary>
    private static async Task<TimeSpan> StartAndWaitAsync(string dll, string workingDirectory, string dataFolder, TimeSpan limit, CancellationToken ct)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Joules__DataFolder"] = dataFolder;
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var url = $"http://127.0.0.1:{port}/account/login";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"Host exited with {process.ExitCode}:\n{output}");
                if (watch.Elapsed > limit) throw new TimeoutException($"No 200 from {url} within {limit}:\n{output}");
                try
                {
                    using var response = await http.GetAsync(url, ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        await response.Content.ReadAsStringAsync(ct);
                        return watch.Elapsed;
                    }
                }
                catch (HttpRequestException) { }
                await Task.Delay(10, ct);
            }
        }
        finally
        {
            await StopAsync(process);
        }
    }

    /// <summary>SIGTERM for a clean shutdown (SQLite checkpoints its WAL), SIGKILL if it hangs.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        try { await RunToEndAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], ".", CancellationToken.None); }
        catch (InvalidOperationException) { }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
    }

    private static async Task RunToEndAsync(string program, string[] args, string workingDirectory, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Joules.sln"))) return dir.FullName;
        throw new InvalidOperationException("Joules.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
