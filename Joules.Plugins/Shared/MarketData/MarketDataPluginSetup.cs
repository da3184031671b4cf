using Joules.Core.Domain.MarketData;
using Joules.Core.MarketData;
using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.MarketData.Shared;

/// <summary>Which provider this plugin connects and whether it may change data (registered by
/// <see cref="MarketDataPluginSetup"/>; a plugin type, so the plugin's components get it from the plugin's container).</summary>
public sealed class MarketDataPluginInfo(MarketDataProvider descriptor, IPluginContext plugin)
{
    /// <summary>The provider.</summary>
    public MarketDataProvider Descriptor => descriptor;

    /// <summary>False while the plugin is read-only (licence expired, disabled).</summary>
    public bool AllowsChanges => plugin.AllowsChanges;

    /// <summary>Address of the plugin's page.</summary>
    public string PageHref => $"marketdata/providers/{Descriptor.Id}";
}

/// <summary>What every market data plugin declares: the adapter, the settings panel on the Plugins page and the
/// provider's page (the page stub with its <c>@page</c> route lives in the plugin itself).</summary>
public static class MarketDataPluginSetup
{
    /// <summary>Declares <typeparamref name="TProvider"/> as the adapter of <paramref name="descriptor"/>.</summary>
    public static void Configure<TProvider>(IPluginBuilder plugin, MarketDataProvider descriptor) where TProvider : class, IMarketDataProvider
    {
        plugin.Services.AddSingleton(sp => new MarketDataPluginInfo(descriptor, sp.GetRequiredService<IPluginContext>()));
        plugin.AddMarketDataProvider<TProvider>(descriptor.Id);
        plugin.AddSettingsPage<MarketDataSettingsPanel>();
    }
}
