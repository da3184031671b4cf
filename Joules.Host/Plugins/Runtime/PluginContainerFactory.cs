using Joules.Core.Data.Providers;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Data;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The host scope a plugin scope belongs to; set by whoever creates the plugin scope.</summary>
internal sealed class HostScopeHolder
{
    public IServiceProvider? Provider { get; set; }
}

/// <summary>The host's service registrations, captured when the host container was built.</summary>
internal sealed class HostServiceCatalog(IServiceCollection services)
{
    public IReadOnlyList<ServiceDescriptor> Descriptors { get; } = services.ToList();
}

/// <summary>Builds a plugin's own container: every host service is forwarded (singletons to the host's root, scoped and
/// transient services to the host scope the plugin scope belongs to), then the plugin's registrations are added, so
/// the plugin's own registrations win. Forwarded instances are owned by the host.</summary>
internal sealed class PluginContainerFactory(HostServiceCatalog catalog, IServiceProvider hostRoot, DatabaseOptions database)
{
    private static readonly HashSet<Type> NotForwarded =
    [
        typeof(IServiceProvider), typeof(IServiceScopeFactory), typeof(IServiceProviderIsService),
        typeof(IHostedService),
    ];

    public IServiceProvider Build(PluginInstance plugin, PluginBuilder builder)
    {
        IServiceCollection services = new ServiceCollection();
        var closed = new List<ServiceDescriptor>();
        foreach (var d in catalog.Descriptors)
        {
            if (d.IsKeyedService || NotForwarded.Contains(d.ServiceType)) continue;
            if (d.ServiceType.IsGenericTypeDefinition)
            {
                // Open generics (ILogger<>, IOptions<>, IStringLocalizer<>) are re-registered: their implementations
                // build on forwarded singletons such as ILoggerFactory.
                if (d.ImplementationType is not null) services.Add(d);
                continue;
            }
            closed.Add(d);
        }
        foreach (var group in closed.GroupBy(d => d.ServiceType))
        {
            var type = group.Key;
            var registrations = group.ToList();
            for (var i = 0; i < registrations.Count; i++)
            {
                var index = i;
                var lifetime = registrations[i].Lifetime;
                Func<IServiceProvider, IServiceProvider> source = lifetime switch
                {
                    ServiceLifetime.Singleton => _ => hostRoot,
                    ServiceLifetime.Scoped => sp => HostScope(sp, type),
                    _ => sp => sp.GetRequiredService<HostScopeHolder>().Provider ?? hostRoot,
                };
                // A single registration resolves like the host resolves it; several keep their order for IEnumerable<T>.
                Func<IServiceProvider, object> factory = registrations.Count == 1
                    ? sp => source(sp).GetRequiredService(type)
                    : sp => source(sp).GetServices(type).ElementAt(index)!;
                services.Add(new ServiceDescriptor(type, factory, lifetime));
            }
        }

        services.AddScoped<HostScopeHolder>();
        services.AddSingleton<IPluginContext>(plugin);
        foreach (var contextType in plugin.Contributions.DbContexts) AddPluginContext(services, contextType, plugin);
        foreach (var d in builder.Services) services.Add(d);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = false });
    }

    private static IServiceProvider HostScope(IServiceProvider pluginScope, Type type) =>
        pluginScope.GetRequiredService<HostScopeHolder>().Provider
        ?? throw new InvalidOperationException($"{type.Name} is a scoped host service and cannot be resolved outside a request, circuit, job or event scope.");

    private void AddPluginContext(IServiceCollection services, Type contextType, PluginInstance plugin)
    {
        typeof(PluginContainerFactory).GetMethod(nameof(AddContext), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(contextType).Invoke(this, [services, plugin]);
    }

    private void AddContext<TContext>(IServiceCollection services, PluginInstance plugin) where TContext : PluginDbContext
    {
        services.AddDbContextFactory<TContext>((sp, options) => PluginDatabase.Configure(options, database, plugin.Id,
            () => sp.GetRequiredService<HostScopeHolder>().Provider?.GetService<ICurrentUser>(),
            () => plugin.Licence.AllowsChanges), ServiceLifetime.Scoped);
    }
}
