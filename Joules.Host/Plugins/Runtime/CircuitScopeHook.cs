using Microsoft.AspNetCore.Components.Server;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Blazor creates each circuit's service scope in its internal circuit factory from the container's own scope
/// factory, which cannot be replaced. This re-registers that factory, constructed with a
/// <see cref="PluginAwareScopeFactory"/>, so components of plugins loaded at any time can <c>@inject</c> the plugin's
/// services. If a future framework version renames the types, <see cref="Install"/> returns false, the host logs a
/// warning, and plugin components can then inject host services only.</summary>
internal static class CircuitScopeHook
{
    private const string InterfaceName = "Microsoft.AspNetCore.Components.Server.Circuits.ICircuitFactory";
    private const string ImplementationName = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitFactory";

    /// <summary>True if the hook was installed.</summary>
    public static bool Install(IServiceCollection services)
    {
        var assembly = typeof(CircuitOptions).Assembly;
        var serviceType = assembly.GetType(InterfaceName);
        var implementation = assembly.GetType(ImplementationName);
        if (serviceType is null || implementation is null) return false;
        var existing = services.LastOrDefault(d => d.ServiceType == serviceType);
        if (existing is null) return false;
        services.Remove(existing);
        services.Add(new ServiceDescriptor(serviceType, sp => ActivatorUtilities.CreateInstance(sp, implementation,
            new PluginAwareScopeFactory(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<PluginRegistry>())), existing.Lifetime));
        return true;
    }
}
