using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Marks an endpoint as belonging to a plugin.</summary>
internal sealed record PluginEndpointMetadata(string PluginId);

/// <summary>The public endpoints of all plugins, under <c>/plugins/&lt;id&gt;/</c>. Rebuilt when the plugin set changes;
/// the change token tells ASP.NET Core's routing to pick up the new endpoints without a restart. A request to a plugin
/// that is not running gets 503 with the reason.</summary>
internal sealed class PluginEndpointDataSource : EndpointDataSource
{
    private readonly PluginRegistry _registry;
    private readonly Lock _gate = new();
    private IReadOnlyList<Endpoint> _endpoints = [];
    private CancellationTokenSource _changed = new();
    private Dictionary<string, (int Generation, IReadOnlyList<Endpoint> Endpoints)> _byPlugin = [];

    public PluginEndpointDataSource(PluginRegistry registry)
    {
        _registry = registry;
    }

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    /// <summary>Builds the endpoints of new plugin instances and drops those of removed ones.</summary>
    public void Refresh()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            var next = new Dictionary<string, (int Generation, IReadOnlyList<Endpoint> Endpoints)>();
            foreach (var plugin in _registry.All.Where(p => p.IsLoaded && p.Contributions.Endpoints.Count > 0))
            {
                next[plugin.Id] = _byPlugin.TryGetValue(plugin.Id, out var existing) && existing.Generation == plugin.Generation
                    ? existing
                    : (plugin.Generation, Build(plugin));
            }
            _byPlugin = next;
            _endpoints = next.Values.SelectMany(v => v.Endpoints).ToList();
            old = _changed;
            _changed = new CancellationTokenSource();
        }
        old.Cancel();
        old.Dispose();
    }

    private IReadOnlyList<Endpoint> Build(PluginInstance plugin)
    {
        var builder = new PluginRouteBuilder(plugin.Services!);
        var group = builder.MapGroup($"/plugins/{plugin.Id}").AllowAnonymous();
        foreach (var map in plugin.Contributions.Endpoints) map(group);
        var metadata = new PluginEndpointMetadata(plugin.Id);
        var result = new List<Endpoint>();
        foreach (var endpoint in builder.DataSources.SelectMany(d => d.Endpoints))
        {
            if (endpoint is not RouteEndpoint route || route.RequestDelegate is null) continue;
            result.Add(new RouteEndpoint(Gate(plugin.Id, route.RequestDelegate), route.RoutePattern, route.Order,
                new EndpointMetadataCollection([.. route.Metadata, metadata]), route.DisplayName));
        }
        return result;
    }

    private RequestDelegate Gate(string pluginId, RequestDelegate inner) => context =>
    {
        var plugin = _registry.Find(pluginId);
        if (plugin is { IsRunning: true }) return inner(context);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsync(plugin is null
            ? $"Plugin {pluginId} ist nicht installiert."
            : $"Plugin {pluginId} ist nicht aktiv ({plugin.State}): {plugin.Fault ?? plugin.Licence.Reason}");
    };

    /// <summary>An endpoint route builder over the plugin's container (so minimal APIs see the plugin's services).</summary>
    private sealed class PluginRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;
        public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();
        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
