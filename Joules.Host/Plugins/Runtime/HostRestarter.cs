using System.Diagnostics;

namespace Joules.Host.Plugins.Runtime;

/// <summary>A clean restart of the host, which frees the memory of plugin versions replaced live. In "Self" mode a new
/// process with the same command line starts and waits until this one has exited (so it can bind the same port); in
/// "Supervisor" mode the host only stops and its supervisor (systemd, a container runtime, IIS) starts it again.</summary>
internal sealed class HostRestarter(PluginSettings settings, IHostApplicationLifetime lifetime, ILogger<HostRestarter> logger)
{
    public const string WaitForPidVariable = "JOULES_RESTART_WAIT_PID";

    public bool CanRestart => settings.RestartMode is "Self" or "Supervisor";

    public void Restart()
    {
        if (!CanRestart) throw new InvalidOperationException("Restart is switched off (Joules:Plugins:RestartMode = None).");
        if (settings.RestartMode == "Self")
        {
            var args = Environment.GetCommandLineArgs();
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, WorkingDirectory = Environment.CurrentDirectory };
            // The first argument is the entry assembly when run with "dotnet Joules.Host.dll"; keep it.
            foreach (var arg in args.Skip(Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? 0 : 1)) start.ArgumentList.Add(arg);
            start.Environment[WaitForPidVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Process.Start(start);
            logger.LogWarning("Restart requested: a new host process was started; this one stops now");
        }
        else
        {
            logger.LogWarning("Restart requested: stopping; the supervisor starts the host again");
        }
        lifetime.StopApplication();
    }

    /// <summary>Called first thing at startup: waits (up to a minute) for the process that started this one to exit.</summary>
    public static void WaitForPredecessor()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(WaitForPidVariable), out var pid)) return;
        Environment.SetEnvironmentVariable(WaitForPidVariable, null);
        try
        {
            using var previous = Process.GetProcessById(pid);
            previous.WaitForExit(TimeSpan.FromMinutes(1));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
