using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Joules.Bench;

/// <summary>A Joules.Host process (Release build) on a free loopback port, with its output captured for error messages.
/// The clock starts just before the process is started, so <see cref="WaitForAsync"/> returns times since the start.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _watch;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private HostProcess(Process process, Stopwatch watch, string baseUrl)
    {
        _process = process;
        _watch = watch;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Starts <c>dotnet Joules.Host.dll</c> in Production with <paramref name="dataFolder"/> and extra environment
    /// variables (e.g. <c>Joules__Plugins__Folder</c>). Logs only warnings.</summary>
    public static HostProcess Start(string dll, string dataFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Joules__DataFolder"] = dataFolder;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, watch, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line)
    {
        lock (_output) _output.AppendLine(line);
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Polls <paramref name="path"/> every 10 ms until <paramref name="accept"/> holds for the status code (the body
    /// is read too); returns the time since the process start.</summary>
    public Task<TimeSpan> WaitForAsync(string path, TimeSpan limit, CancellationToken ct) =>
        WaitForAsync(_http, path, s => s == HttpStatusCode.OK, limit, ct);

    /// <summary>Like <see cref="WaitForAsync(string, TimeSpan, CancellationToken)"/> with a client of the caller (e.g. one
    /// with a sign-in cookie) and any accepted status.</summary>
    public async Task<TimeSpan> WaitForAsync(HttpClient client, string path, Func<HttpStatusCode, bool> accept, TimeSpan limit, CancellationToken ct)
    {
        var url = BaseUrl + path;
        var start = _watch.Elapsed;
        HttpStatusCode? last = null;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Host exited with {_process.ExitCode}:\n{Output}");
            if (_watch.Elapsed - start > limit) throw new TimeoutException($"{url} did not answer as expected within {limit} (last status {last?.ToString() ?? "none"}):\n{Output}");
            try
            {
                using var response = await client.GetAsync(url, ct);
                await response.Content.ReadAsStringAsync(ct);
                last = response.StatusCode;
                if (accept(response.StatusCode)) return _watch.Elapsed;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(10, ct);
        }
    }

    /// <summary>SIGTERM for a clean shutdown (SQLite checkpoints its WAL), SIGKILL if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            try { await RunToEndAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], ".", CancellationToken.None); }
            catch (InvalidOperationException) { }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    /// <summary>The Release build of the host, built first if it is missing.</summary>
    public static async Task<string> ReleaseHostAsync(CancellationToken ct)
    {
        var dll = Path.Combine(RepositoryRoot, "Joules.Host", "bin", "Release", "net10.0", "Joules.Host.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine("   building Joules.Host (Release) ...");
            await RunToEndAsync("dotnet", ["build", "-c", "Release", Path.Combine(RepositoryRoot, "Joules.Host")], RepositoryRoot, ct);
        }
        return dll;
    }

    public static async Task RunToEndAsync(string program, string[] args, string workingDirectory, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

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

    /// <summary>"median 1234 ms, max 1500 ms" of a list of times.</summary>
    public static string MedianAndMax(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"median {sorted[sorted.Count / 2].TotalMilliseconds:F0} ms, max {sorted[^1].TotalMilliseconds:F0} ms");
    }
}
