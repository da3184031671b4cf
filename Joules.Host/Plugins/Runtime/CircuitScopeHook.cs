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

/// <summary>Server-side rendering (prerendering) builds components with the scope's own provider, injected into the
/// framework's internal HTML renderer. This re-registers that renderer with the request's plugin-aware provider, so
/// pages of plugins prerender with their services.</summary>
internal static class PrerenderScopeHook
{
    private const string RendererName = "Microsoft.AspNetCore.Components.Endpoints.EndpointHtmlRenderer";

    /// <summary>True if the hook was installed.</summary>
    public static bool Install(IServiceCollection services)
    {
        var rendererType = typeof(Microsoft.AspNetCore.Components.Endpoints.RazorComponentsServiceOptions).Assembly.GetType(RendererName);
        var existing = rendererType is null ? null : services.LastOrDefault(d => d.ServiceType == rendererType);
        if (existing is null) return false;
        services.Remove(existing);
        services.Add(new ServiceDescriptor(rendererType!, sp => ActivatorUtilities.CreateInstance(sp, rendererType!,
            (IServiceProvider)sp.GetRequiredService<RequestPluginServices>().Provider), existing.Lifetime));
        return true;
    }
}
