using Joules.Core.Credit;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Credit.Shared;

/// <summary>Which bureau this plugin connects and whether it may change data (registered by <see cref="BureauPluginSetup"/>;
/// a plugin type, so the plugin's components get it from the plugin's container).</summary>
public sealed class BureauPluginInfo(BureauDescriptor descriptor, IPluginContext plugin)
{
    /// <summary>The bureau.</summary>
    public BureauDescriptor Descriptor => descriptor;

    /// <summary>False while the plugin is read-only (licence expired, disabled).</summary>
    public bool AllowsChanges => plugin.AllowsChanges;

    /// <summary>Address of the plugin's page.</summary>
    public string PageHref => $"credit/bureaus/{Descriptor.Id}";
}

/// <summary>What every bureau plugin declares: the adapter, the settings panel on the Plugins page and the bureau's page
/// (the page stub with its <c>@page</c> route lives in the plugin itself).</summary>
public static class BureauPluginSetup
{
    /// <summary>Declares <typeparamref name="TBureau"/> as the adapter of <paramref name="descriptor"/>.</summary>
    public static void Configure<TBureau>(IPluginBuilder plugin, BureauDescriptor descriptor) where TBureau : class, ICreditBureau
    {
        plugin.Services.AddSingleton(sp => new BureauPluginInfo(descriptor, sp.GetRequiredService<IPluginContext>()));
        plugin.AddCreditBureau<TBureau>(descriptor.Id);
        plugin.AddSettingsPage<BureauSettingsPanel>();
    }
}
