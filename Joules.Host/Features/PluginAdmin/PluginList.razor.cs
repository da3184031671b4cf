using Joules.Core.Domain.Common;
using Joules.Host.Plugins;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Host.Features.PluginAdmin;

/// <summary>The installed plugins with their state, licence and contents; install, enable, disable, remove, settings.
/// Follows <see cref="IPluginAdministration.Changed"/> while open.</summary>
public partial class PluginList
{
    private const int ShortReason = 160;

    [Inject] private IPluginAdministration Admin { get; set; } = default!;
    [Inject] private IStringLocalizer<PluginList> L { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<PluginSummary> _plugins = [];
    private readonly HashSet<string> _expanded = [];
    private LicencePanel? _licences;
    private bool _busy, _restarting;

    protected override void OnInitialized()
    {
        Reload();
        Admin.Changed += OnChanged;
    }

    private void Reload() => _plugins = Admin.List();

    private void OnChanged() => _ = InvokeAsync(async () =>
    {
        Reload();
        if (_licences is not null) await _licences.ReloadAsync();
        StateHasChanged();
    });

    private void Toggle(string id)
    {
        if (!_expanded.Remove(id)) _expanded.Add(id);
    }

    private static string Date(DateTimeOffset at) => at.Year >= 9999 ? "∞" : at.ToLocalTime().ToString("d");

    private static Color StateColor(PluginState state) => state switch
    {
        PluginState.Active => Color.Success,
        PluginState.Unlicensed => Color.Warning,
        PluginState.ReadOnly => Color.Info,
        PluginState.Faulted => Color.Error,
        _ => Color.Default,
    };

    private async Task OnPackageInstalledAsync((PluginSummary Plugin, bool Replaced) installed)
    {
        Reload();
        if (installed.Replaced && Admin.CanRestart)
        {
            var restart = await Dialogs.ShowMessageBoxAsync(L["RestartTitle"], L["RestartAfterReplace", installed.Plugin.DisplayName],
                yesText: L["RestartNow"], cancelText: L["Later"]);
            if (restart == true) await RestartConfirmedAsync();
        }
    }

    private Task SetEnabledAsync(PluginSummary plugin, bool enabled) => ActAsync(
        () => enabled ? Admin.EnableAsync(plugin.Id) : Admin.DisableAsync(plugin.Id),
        enabled ? L["EnabledDone", plugin.DisplayName] : L["DisabledDone", plugin.DisplayName]);

    private Task RetryAsync(PluginSummary plugin) => ActAsync(() => Admin.EnableAsync(plugin.Id), L["RetryDone", plugin.DisplayName]);

    private async Task RemoveAsync(PluginSummary plugin)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["RemoveTitle"], L["RemoveText", plugin.DisplayName, plugin.Version],
            yesText: L["Remove"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        await ActAsync(() => Admin.RemoveAsync(plugin.Id), L["Removed", plugin.DisplayName]);
    }

    private async Task ActAsync(Func<Task> action, string done)
    {
        _busy = true;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Error); }
        finally
        {
            _busy = false;
            Reload();
        }
    }

    private async Task SettingsAsync(PluginSummary plugin)
    {
        if (plugin.SettingsComponent is not { } type) return;
        var parameters = new DialogParameters<PluginSettingsDialog> { { d => d.SettingsComponent, type } };
        await Dialogs.ShowAsync<PluginSettingsDialog>(L["SettingsTitle", plugin.DisplayName], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
    }

    private async Task RestartAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["RestartTitle"], L["RestartText"], yesText: L["RestartNow"], cancelText: L["Cancel"]);
        if (confirmed == true) await RestartConfirmedAsync();
    }

    private async Task RestartConfirmedAsync()
    {
        _restarting = true;
        Snackbar.Add(L["Restarting"], Severity.Info);
        try { await Admin.RestartAsync(); }
        catch (DomainException ex)
        {
            _restarting = false;
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    public void Dispose()
    {
        Admin.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }
}
