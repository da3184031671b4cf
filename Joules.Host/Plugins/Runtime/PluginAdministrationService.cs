using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Packaging;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The administrators' operations on plugins; each one is written to the audit log with the acting user.
/// Scoped: it acts as the signed-in user of the circuit.</summary>
internal sealed class PluginAdministrationService(
    PluginRuntime runtime,
    PluginRegistry registry,
    PluginLicensing licensing,
    PluginPackageInstaller installer,
    HostRestarter restarter,
    JoulesDbContext db) : IPluginAdministration, IDisposable
{
    private Action? _changed;
    private bool _subscribed;

    public event Action? Changed
    {
        add
        {
            _changed += value;
            if (!_subscribed) { registry.Changed += OnChanged; _subscribed = true; }
        }
        remove => _changed -= value;
    }

    private void OnChanged() => _changed?.Invoke();

    public string InstallationId => licensing.Installation.ToString();

    public IReadOnlyList<PluginSummary> List() => registry.All
        .OrderBy(p => p.Manifest.DisplayName, StringComparer.CurrentCultureIgnoreCase)
        .Select(Summarize)
        .ToList();

    internal static PluginSummary Summarize(PluginInstance p) => new()
    {
        Id = p.Id,
        Version = p.Manifest.Version,
        DisplayName = p.Manifest.DisplayName,
        Description = p.Manifest.Description,
        Author = p.Manifest.Author,
        State = p.State,
        Reason = p.State switch
        {
            PluginState.Faulted => p.Fault,
            PluginState.Unlicensed or PluginState.ReadOnly => p.Licence.Reason,
            PluginState.Active when p.Licence.State == Core.Plugins.Licensing.LicenceState.GracePeriod => p.Licence.Reason,
            _ => null,
        },
        Licence = p.Licence.PluginId.Length == 0 ? null : p.Licence,
        Pages = p.Contributions.Pages,
        Jobs = p.Contributions.Jobs.Select(j => j.Key).ToList(),
        Tables = p.Contributions.Tables,
        SettingsComponent = p.Contributions.SettingsComponent,
        RestartRecommended = p.RestartRecommended,
        LoadedAt = p.LoadedAt,
    };

    public async Task<PluginSummary> InstallPackageAsync(Stream package, string fileName, CancellationToken ct = default)
    {
        if (!fileName.EndsWith(PackageLayout.Extension, StringComparison.OrdinalIgnoreCase))
            throw new PluginPackageException(CoreText.Format("Plugin.Package.WrongExtension", fileName, PackageLayout.Extension));
        string id, version;
        string? previousVersion;
        try
        {
            (id, version, previousVersion) = await installer.InstallAsync(package, ct);
        }
        catch (PluginPackageException ex)
        {
            db.Audit("Plugins.PackageRefused", "Plugin", null, $"{fileName}: {ex.Message}");
            await db.SaveChangesAsync(ct);
            throw;
        }
        db.Audit(previousVersion is null ? "Plugins.Installed" : "Plugins.Replaced", "Plugin", id,
            previousVersion is null ? $"{fileName}: {version}" : $"{fileName}: {previousVersion} → {version}");
        await db.SaveChangesAsync(ct);
        var instance = await runtime.ActivateFolderAsync(Path.Combine(runtime.Folder, id), ct);
        return Summarize(instance);
    }

    public async Task<LicenceSummary> InstallLicenceAsync(Stream licence, CancellationToken ct = default)
    {
        using var reader = new StreamReader(licence);
        var buffer = new char[256 * 1024];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read == buffer.Length) throw new DomainException(CoreText.Get("Plugin.Licence.TooLarge"));
        var summary = await licensing.InstallAsync(new string(buffer, 0, read), ct);
        runtime.ReevaluateLicences();
        return summary;
    }

    public Task<IReadOnlyList<LicenceSummary>> ListLicencesAsync(CancellationToken ct = default) =>
        Task.FromResult(licensing.Summaries());

    public async Task EnableAsync(string pluginId, CancellationToken ct = default)
    {
        db.Audit("Plugins.Enabled", "Plugin", pluginId);
        await db.SaveChangesAsync(ct);
        await runtime.SetEnabledAsync(pluginId, true, ct);
    }

    public async Task DisableAsync(string pluginId, CancellationToken ct = default)
    {
        db.Audit("Plugins.Disabled", "Plugin", pluginId);
        await db.SaveChangesAsync(ct);
        await runtime.SetEnabledAsync(pluginId, false, ct);
    }

    public async Task RemoveAsync(string pluginId, CancellationToken ct = default)
    {
        db.Audit("Plugins.Removed", "Plugin", pluginId, "Tabellen und Daten bleiben erhalten.");
        await db.SaveChangesAsync(ct);
        await runtime.RemoveAsync(pluginId, ct);
    }

    public bool CanRestart => restarter.CanRestart;

    public async Task RestartAsync(CancellationToken ct = default)
    {
        db.Audit("Plugins.RestartRequested", "Host", null);
        await db.SaveChangesAsync(ct);
        restarter.Restart();
    }

    public void Dispose()
    {
        if (_subscribed) registry.Changed -= OnChanged;
    }
}
