namespace Joules.Host.Plugins.Runtime;

/// <summary>Activates plugin folders that appear in <c>plugins-bin/</c> while the host runs. It watches the top level
/// without a file-name filter (events inside a freshly copied folder are not reliable), waits for a short quiet period,
/// then syncs; a slow poll catches anything the watcher missed. Folders should be moved in complete (a rename from a
/// staging folder on the same file system).</summary>
internal sealed class PluginFolderWatcher(PluginRuntime runtime, PluginSettings settings, ILogger<PluginFolderWatcher> logger) : BackgroundService
{
    internal static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Watch) return;
        Directory.CreateDirectory(settings.Folder);
        var signal = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(settings.Folder)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.DirectoryName | NotifyFilters.FileName | NotifyFilters.LastWrite,
        };
        FileSystemEventHandler changed = (_, _) => signal.Release();
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Changed += changed;
        watcher.Renamed += (_, _) => signal.Release();
        watcher.Error += (_, e) => { logger.LogWarning(e.GetException(), "Plugin folder watcher error"); signal.Release(); };
        watcher.EnableRaisingEvents = true;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
                await Task.Delay(QuietPeriod, stoppingToken);
                while (signal.CurrentCount > 0) await signal.WaitAsync(stoppingToken);
                await runtime.SyncAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Syncing the plugin folder failed");
            }
        }
    }
}

/// <summary>Re-evaluates licences every minute so an expiry takes effect (grace period, then read-only) without restart.</summary>
internal sealed class PluginLicenceClock(PluginRuntime runtime, ILogger<PluginLicenceClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    runtime.ReevaluateLicences();
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Re-evaluating plugin licences failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
