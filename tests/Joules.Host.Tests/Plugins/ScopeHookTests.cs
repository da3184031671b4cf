using Joules.Host.Plugins.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>The hooks that make circuits and prerendering plugin-aware depend on framework internals: these tests fail
/// first when a framework update renames them.</summary>
public class ScopeHookTests
{
    private static IServiceCollection BlazorServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRazorComponents().AddInteractiveServerComponents();
        return services;
    }

    [Fact]
    public void Circuit_factory_hook_finds_the_framework_registration() =>
        CircuitScopeHook.Install(BlazorServices()).ShouldBeTrue();

    [Fact]
    public void Prerender_hook_finds_the_framework_renderer() =>
        PrerenderScopeHook.Install(BlazorServices()).ShouldBeTrue();

    [Fact]
    public void Plugin_aware_provider_prefers_host_services_and_knows_itself()
    {
        var host = new ServiceCollection().AddSingleton("host value").BuildServiceProvider();
        var provider = new PluginAwareServiceProvider(host, new PluginRegistry());
        provider.GetService(typeof(string)).ShouldBe("host value");
        provider.GetService(typeof(IServiceProvider)).ShouldBeSameAs(provider);
        provider.GetService(typeof(Uri)).ShouldBeNull();
    }
}
