namespace Joules.Host.Plugins.Runtime;

/// <summary>A plugin scope tied to a host scope: forwarded scoped host services resolve from <see cref="Host"/>.
/// With <c>ownsHost</c> the host scope is created here and disposed together with the plugin scope, never before it.</summary>
internal sealed class PluginScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _plugin;
    private readonly AsyncServiceScope? _ownedHost;

    private PluginScope(PluginInstance instance, IServiceProvider host, AsyncServiceScope? ownedHost)
    {
        _ownedHost = ownedHost;
        Host = host;
        _plugin = instance.Services!.CreateAsyncScope();
        _plugin.ServiceProvider.GetRequiredService<HostScopeHolder>().Provider = host;
    }

    /// <summary>The plugin scope's services.</summary>
    public IServiceProvider Services => _plugin.ServiceProvider;

    /// <summary>The host scope it belongs to.</summary>
    public IServiceProvider Host { get; }

    /// <summary>A plugin scope on an existing host scope (a request or circuit), disposed by the caller first.</summary>
    public static PluginScope On(PluginInstance instance, IServiceProvider hostScope) => new(instance, hostScope, null);

    /// <summary>A plugin scope on a new host scope of its own (jobs, event handlers, migrations).</summary>
    public static PluginScope Create(PluginInstance instance, IServiceProvider hostRoot)
    {
        var host = hostRoot.CreateAsyncScope();
        return new PluginScope(instance, host.ServiceProvider, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _plugin.DisposeAsync();
        if (_ownedHost is { } host) await host.DisposeAsync();
    }
}
