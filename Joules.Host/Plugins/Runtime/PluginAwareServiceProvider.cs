namespace Joules.Host.Plugins.Runtime;

/// <summary>The service provider of a request or a Blazor circuit: host services first, then — for types defined by a
/// plugin (or generic over one) — the owning plugin's container, in a plugin scope created on first use and tied to
/// this host scope. So plugin components <c>@inject</c> their own services like any component.</summary>
internal sealed class PluginAwareServiceProvider(IServiceProvider host, PluginRegistry registry)
    : IServiceProvider, IKeyedServiceProvider, IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private Dictionary<PluginInstance, PluginScope>? _scopes;

    public IServiceProvider Host => host;

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IServiceProvider)) return this;
        var service = host.GetService(serviceType);
        if (service is not null) return service;
        var owner = registry.OwnerOf(serviceType);
        return owner?.Services is null ? null : ScopeOf(owner).Services.GetService(serviceType);
    }

    public object? GetKeyedService(Type serviceType, object? serviceKey) =>
        host is IKeyedServiceProvider keyed ? keyed.GetKeyedService(serviceType, serviceKey) : null;

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
        GetKeyedService(serviceType, serviceKey) ?? throw new InvalidOperationException($"No keyed service for type '{serviceType}' has been registered.");

    private PluginScope ScopeOf(PluginInstance plugin)
    {
        lock (_gate)
        {
            _scopes ??= [];
            if (!_scopes.TryGetValue(plugin, out var scope)) _scopes[plugin] = scope = PluginScope.On(plugin, host);
            return scope;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<PluginScope> scopes;
        lock (_gate)
        {
            scopes = _scopes?.Values.ToList() ?? [];
            _scopes = null;
        }
        foreach (var scope in scopes) await scope.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>A host scope whose provider is plugin-aware; plugin scopes are disposed before the host scope.</summary>
internal sealed class PluginAwareScope(AsyncServiceScope host, PluginRegistry registry) : IServiceScope, IAsyncDisposable
{
    private readonly PluginAwareServiceProvider _provider = new(host.ServiceProvider, registry);

    public IServiceProvider ServiceProvider => _provider;

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await host.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>Creates plugin-aware scopes; given to Blazor's circuit factory so every circuit scope is one.</summary>
internal sealed class PluginAwareScopeFactory(IServiceScopeFactory host, PluginRegistry registry) : IServiceScopeFactory
{
    public IServiceScope CreateScope() => new PluginAwareScope(host.CreateAsyncScope(), registry);
}

/// <summary>The plugin-aware provider of one request scope; its plugin scopes end with the request scope.</summary>
internal sealed class RequestPluginServices(IServiceProvider scope, PluginRegistry registry) : IAsyncDisposable
{
    public PluginAwareServiceProvider Provider { get; } = new(scope, registry);

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>Makes <c>HttpContext.RequestServices</c> plugin-aware for plugin endpoints and everything else in the request.</summary>
internal sealed class PluginScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.RequestServices = context.RequestServices.GetRequiredService<RequestPluginServices>().Provider;
        return next(context);
    }
}
