using Joules.Core.Credit;
using Joules.Core.Domain.Credit;
using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Credit.Shared;

/// <summary>Which bureau this plugin connects (registered by <see cref="BureauPluginSetup"/>; the settings panel reads it).</summary>
public sealed record BureauPluginInfo(BureauDescriptor Descriptor)
{
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
        plugin.Services.AddSingleton(new BureauPluginInfo(descriptor));
        plugin.AddCreditBureau<TBureau>(descriptor.Id);
        plugin.AddSettingsPage<BureauSettingsPanel>();
    }
}
