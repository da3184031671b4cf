using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Joules.Host.Tests.Hosting;

/// <summary>The host started as the README starts it, on an address another program already listens on.</summary>
public sealed class AddressInUseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("joules-port-").FullName;

    [Fact]
    public async Task A_taken_address_ends_the_host_with_a_last_line_naming_it_and_how_to_choose_another()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}";

        var (exitCode, output) = await RunHostAsync(url);

        // The host's log has the error with its stack; the process then ends (not aborts) with a line a user can act on.
        exitCode.ShouldBe(2, output);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        last.ShouldStartWith("Joules cannot start: Failed to bind to address " + url);
        last.ShouldContain("-- --urls http://localhost:");
    }

    private async Task<(int ExitCode, string Output)> RunHostAsync(string url)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Joules.Host.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Joules__DataFolder"] = Path.Combine(_folder, "data");
        info.Environment["Joules__Demo__Enabled"] = "false";
        info.Environment["Joules__Simulators__Enabled"] = "false";
        info.Environment["Joules__Mail__DevelopmentMailbox__Enabled"] = "false";
        info.Environment["Joules__Plugins__Folder"] = Directory.CreateDirectory(Path.Combine(_folder, "plugins")).FullName;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host kept running on a taken address.");
        }
        // Standard output first: the closing line goes to standard error, after the log.
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
