using Joules.Core.Plugins;
using Joules.Host.Plugins;

namespace Joules.Host.Tests.Features.PluginAdmin;

/// <summary>Unit-test stand-in for the plugin runtime: keeps a list and records the calls.</summary>
internal sealed class FakePluginAdministration : IPluginAdministration
{
    public event Action? Changed;
    public List<PluginSummary> Plugins { get; } = [];
    public List<LicenceSummary> Licences { get; } = [];
    public List<string> Calls { get; } = [];
    public Exception? Refusal { get; set; }
    public int ChangedSubscribers => Changed?.GetInvocationList().Length ?? 0;

    public string InstallationId => "inst-0f3c9a";
    public bool CanRestart { get; set; } = true;

    public IReadOnlyList<PluginSummary> List() => Plugins.ToList();

    public void RaiseChanged() => Changed?.Invoke();

    public Task<PluginSummary> InstallPackageAsync(Stream package, string fileName, CancellationToken ct = default)
    {
        Calls.Add("install:" + fileName);
        if (Refusal is not null) throw Refusal;
        var manifest = Joules.Host.Features.PluginAdmin.PackagePeek.TryReadManifest(package)
                       ?? throw new PluginPackageException("Das Paket ist keine gültige Zip-Datei.");
        var plugin = new PluginSummary { Id = manifest.Id, Version = manifest.Version, DisplayName = manifest.DisplayName, State = PluginState.Active };
        Plugins.RemoveAll(p => p.Id == plugin.Id);
        Plugins.Add(plugin);
        return Task.FromResult(plugin);
    }

    public Task<LicenceSummary> InstallLicenceAsync(Stream licence, CancellationToken ct = default)
    {
        Calls.Add("licence");
        if (Refusal is not null) throw Refusal;
        var summary = new LicenceSummary("L-1", "Stadtwerke Sonnental", false, DateTimeOffset.UtcNow, [], null);
        Licences.Add(summary);
        return Task.FromResult(summary);
    }

    public Task<IReadOnlyList<LicenceSummary>> ListLicencesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<LicenceSummary>>(Licences.ToList());

    public Task EnableAsync(string pluginId, CancellationToken ct = default) => Record("enable:" + pluginId);
    public Task DisableAsync(string pluginId, CancellationToken ct = default) => Record("disable:" + pluginId);
    public Task RemoveAsync(string pluginId, CancellationToken ct = default) => Record("remove:" + pluginId);
    public Task RestartAsync(CancellationToken ct = default) => Record("restart");

    private Task Record(string call)
    {
        Calls.Add(call);
        return Refusal is null ? Task.CompletedTask : Task.FromException(Refusal);
    }
}
