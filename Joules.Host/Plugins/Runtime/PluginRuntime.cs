using System.Security.Cryptography;
using Joules.Core.Data;
using Joules.Core.Domain.Plugins;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Keeps the running plugins in line with <c>plugins-bin/</c> and the administrators' decisions. All changes
/// go through here, one at a time.</summary>
internal sealed class PluginRuntime(
    PluginSettings settings,
    PluginRegistry registry,
    IPluginFolderCheck check,
    PluginActivator activator,
    PluginLicensing licensing,
    PluginJobScheduler jobs,
    PluginEndpointDataSource endpoints,
    IServiceScopeFactory scopes,
    ILogger<PluginRuntime> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PluginInstance> _preloaded = new();
    private Task _preload = Task.CompletedTask;

    public string Folder => settings.Folder;

    /// <summary>Starts verifying and loading the code of the installed plugins in the background; it needs no database,
    /// so it overlaps with the host preparing its own. <see cref="StartAsync"/> takes the results.</summary>
    public void Preload()
    {
        _preload = Task.Run(() =>
        {
            foreach (var folder in PluginFolders())
            {
                try
                {
                    var manifest = check.Verify(folder);
                    if (manifest.Id != Path.GetFileName(folder)) continue;
                    var instance = new PluginInstance(manifest, folder) { Fingerprint = FingerprintOf(folder) };
                    activator.LoadCode(instance);
                    _preloaded[folder] = instance;
                }
                catch (Exception ex) when (ex is PluginPackageException or IOException or UnauthorizedAccessException)
                {
                    // Refused again, with the reason recorded, when the folder is activated.
                }
            }
        });
    }

    /// <summary>Loads licences and every plugin folder (before the host maps its component endpoints).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await _preload;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(settings.Folder);
        PluginInstaller.TryDeleteTrash(settings.Folder);
        await licensing.InitializeAsync(ct);
        logger.LogDebug("Licences read after {Elapsed} ms", watch.ElapsedMilliseconds);
        foreach (var folder in PluginFolders()) await ActivateFolderAsync(folder, ct);
        logger.LogInformation("Plugins: {Active} active of {Total} in {Folder}, loaded in {Elapsed} ms",
            registry.All.Count(p => p.State == PluginState.Active), registry.All.Count, settings.Folder, watch.ElapsedMilliseconds);
    }

    public IEnumerable<string> PluginFolders() => Directory.Exists(settings.Folder)
        ? Directory.EnumerateDirectories(settings.Folder).Where(d => PluginInstaller.IsPluginFolderName(Path.GetFileName(d))).Order(StringComparer.Ordinal)
        : [];

    /// <summary>Activates new or changed plugin folders and drops plugins whose folder is gone.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        var folders = PluginFolders().ToList();
        foreach (var folder in folders)
        {
            try
            {
                await ActivateFolderAsync(folder, ct);
            }
            catch (DirectoryNotFoundException)
            {
                // Removed meanwhile (by an administrator or a replacement): the next sync sees the current state.
            }
        }
        var present = folders.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in registry.All.Where(p => !present.Contains(Path.GetFileName(p.Folder))).ToList())
        {
            await _gate.WaitAsync(ct);
            try
            {
                if (Directory.Exists(gone.Folder)) continue;
                await StopAsync(gone, ct);
                registry.Remove(gone.Id);
                logger.LogInformation("Plugin {Plugin}: folder removed, plugin stopped", gone.Id);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Verifies, loads and starts the plugin in <paramref name="folder"/> unless that exact content already runs.</summary>
    public async Task<PluginInstance> ActivateFolderAsync(string folder, CancellationToken ct, bool force = false)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException(folder);
            var fingerprint = FingerprintOf(folder);
            var folderName = Path.GetFileName(folder);
            var existing = registry.All.FirstOrDefault(p => Path.GetFileName(p.Folder) == folderName);
            if (!force && existing is not null && existing.Fingerprint == fingerprint) return existing;

            PluginManifest manifest;
            try
            {
                // A folder preloaded at start was verified moments ago; its fingerprint shows it has not changed since.
                manifest = _preloaded.TryGetValue(folder, out var verified) && verified.Fingerprint == fingerprint
                    ? verified.Manifest
                    : check.Verify(folder);
                if (manifest.Id != folderName)
                    throw new PluginPackageException($"Der Ordner „{folderName}“ muss wie die Plugin-Id „{manifest.Id}“ heißen.");
            }
            catch (Exception ex) when (ex is PluginPackageException or IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Plugin folder {Folder} refused: {Reason}", folder, ex.Message);
                var refused = new PluginInstance(Placeholder(folderName), folder) { Fingerprint = fingerprint };
                refused.MarkFaulted(ex.Message);
                registry.Set(refused);
                return refused;
            }

            var installation = await InstallationAsync(manifest, ct);
            var previous = registry.Find(manifest.Id);
            // Code already loaded for this exact content (preloaded at start, or loaded while disabled) is reused.
            var instance = _preloaded.TryRemove(folder, out var preloaded) && preloaded.Fingerprint == fingerprint ? preloaded
                : previous is { Services: not null, Fault: null, LoadedAt: null } && previous.Fingerprint == fingerprint ? previous
                : new PluginInstance(manifest, folder) { Fingerprint = fingerprint };
            instance.Enabled = installation.Enabled;
            instance.Licence = licensing.Evaluate(manifest);
            if (instance.Enabled) await activator.LoadAsync(instance, ct);

            if (previous is not null && !ReferenceEquals(previous, instance))
            {
                await StopAsync(previous, ct);
                instance.RestartRecommended = previous.Assembly is not null || previous.RestartRecommended;
                if (instance.RestartRecommended)
                    logger.LogWarning("Plugin {Plugin}: version {Old} replaced by {New} live; the old version's memory is freed at the next restart",
                        manifest.Id, previous.Manifest.Version, manifest.Version);
            }
            registry.Set(instance);
            endpoints.Refresh();
            if (instance.IsLoaded) await jobs.ScheduleAsync(instance, ct);
            logger.LogInformation("Plugin {Plugin} {Version}: {State}", manifest.Id, manifest.Version, instance.State);
            return instance;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Switches a plugin on or off live and records the decision.</summary>
    public async Task SetEnabledAsync(string pluginId, bool enabled, CancellationToken ct)
    {
        var plugin = registry.Find(pluginId) ?? throw new Core.Domain.Common.DomainException($"Plugin {pluginId} ist nicht installiert.");
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
            var row = await db.PluginInstallations.SingleOrDefaultAsync(p => p.PluginId == pluginId, ct);
            if (row is null) db.PluginInstallations.Add(row = PluginInstallation.Create(pluginId, plugin.Manifest.Version, DateTimeOffset.UtcNow));
            if (enabled) row.Enable(DateTimeOffset.UtcNow); else row.Disable(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
        }
        if (enabled)
        {
            if (plugin.IsLoaded)
            {
                plugin.Enabled = true;
                registry.NotifyChanged();
                endpoints.Refresh();
                await jobs.ScheduleAsync(plugin, ct);
            }
            else
            {
                await ActivateFolderAsync(plugin.Folder, ct, force: true);
            }
        }
        else
        {
            await _gate.WaitAsync(ct);
            try
            {
                plugin.Enabled = false;
                await StopAsync(plugin, ct);
                registry.NotifyChanged();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Stops a plugin and moves its folder out of <c>plugins-bin/</c> (into <c>.trash</c>); its data stays.</summary>
    public async Task RemoveAsync(string pluginId, CancellationToken ct)
    {
        var plugin = registry.Find(pluginId) ?? throw new Core.Domain.Common.DomainException($"Plugin {pluginId} ist nicht installiert.");
        await _gate.WaitAsync(ct);
        try
        {
            await StopAsync(plugin, ct);
            registry.Remove(pluginId);
            if (Directory.Exists(plugin.Folder))
            {
                var trash = Path.Combine(settings.Folder, PluginInstaller.TrashFolder);
                Directory.CreateDirectory(trash);
                Directory.Move(plugin.Folder, Path.Combine(trash, $"{pluginId}-{Guid.NewGuid():N}"));
                PluginInstaller.TryDeleteTrash(settings.Folder);
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
            var row = await db.PluginInstallations.SingleOrDefaultAsync(p => p.PluginId == pluginId, ct);
            row?.Remove(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
        endpoints.Refresh();
    }

    /// <summary>Re-evaluates every plugin's licence (after a licence upload and periodically, for expiry).</summary>
    public void ReevaluateLicences()
    {
        var changed = false;
        foreach (var plugin in registry.All.Where(p => p.Manifest.LicenceProduct.Length > 0 || p.IsLoaded))
        {
            var status = licensing.Evaluate(plugin.Manifest);
            if (status.State != plugin.Licence.State || status.ExpiresAt != plugin.Licence.ExpiresAt) changed = true;
            plugin.Licence = status;
        }
        if (changed) registry.NotifyChanged();
    }

    private async Task StopAsync(PluginInstance plugin, CancellationToken ct)
    {
        await jobs.UnscheduleAsync(plugin.Id, ct);
        endpoints.Refresh();
    }

    private async Task<PluginInstallation> InstallationAsync(PluginManifest manifest, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        var row = await db.PluginInstallations.SingleOrDefaultAsync(p => p.PluginId == manifest.Id, ct);
        var now = DateTimeOffset.UtcNow;
        if (row is null)
        {
            db.PluginInstallations.Add(row = PluginInstallation.Create(manifest.Id, manifest.Version, now));
            db.Audit("Plugins.Discovered", nameof(PluginInstallation), manifest.Id, $"{manifest.DisplayName} {manifest.Version}");
        }
        else if (row.Removed || row.Version != manifest.Version)
        {
            // A folder that reappears (or a new version moved in) is an installation decision of whoever put it there.
            var wasDisabled = !row.Enabled && !row.Removed;
            row.Install(manifest.Version, now);
            if (wasDisabled) row.Disable(now);
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        return row;
    }

    private static string FingerprintOf(string folder)
    {
        foreach (var file in new[] { Path.Combine(folder, ".joules", PackageLayout.FileList), Path.Combine(folder, PackageLayout.PluginJson) })
        {
            try
            {
                if (File.Exists(file)) return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            }
            catch (IOException)
            {
            }
        }
        return "";
    }

    private static PluginManifest Placeholder(string folderName) => new()
    {
        Id = folderName, Version = "?", DisplayName = folderName, CoreContract = "?", LicenceProduct = "", EntryAssembly = "",
    };
}
