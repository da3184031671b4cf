using System.Reflection;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Data;
using McMaster.NETCore.Plugins;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Takes one verified plugin folder to a running plugin: load its assembly in a load context of its own
/// (sharing Core, ASP.NET Core, EF Core, MudBlazor and Quartz with the host), call <see cref="IJoulesPlugin.Configure"/>,
/// build its container and migrate its database contexts. Any failure is caught and recorded as the plugin's fault.</summary>
internal sealed class PluginActivator(
    PluginContainerFactory containers,
    IConfiguration configuration,
    IServiceProvider hostRoot,
    ILogger<PluginActivator> logger)
{
    private static readonly SemaphoreSlim MigrationLock = new(1, 1);

    private static readonly Type[] SharedTypes =
    [
        typeof(IJoulesPlugin), typeof(IServiceCollection), typeof(IComponent), typeof(DbContext),
        typeof(Quartz.IJob), typeof(MudBlazor.MudButton), typeof(ILogger),
    ];

    /// <summary>Loads, configures and migrates <paramref name="plugin"/>; on failure sets its fault.</summary>
    public async Task LoadAsync(PluginInstance plugin, CancellationToken ct)
    {
        if (plugin.Services is null && plugin.Fault is null) LoadCode(plugin);
        if (plugin.Fault is null) await MigrateAsync(plugin, ct);
    }

    /// <summary>Loads the assembly, calls <see cref="IJoulesPlugin.Configure"/> and builds the plugin's container. Needs
    /// no database, so the host runs it for the installed plugins while it prepares its own database.</summary>
    public void LoadCode(PluginInstance plugin)
    {
        var stage = "Laden";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var entry = Path.Combine(plugin.Folder, plugin.Manifest.EntryAssembly);
            var loader = PluginLoader.CreateFromAssemblyFile(entry, isUnloadable: false, SharedTypes, c =>
            {
                c.PreferSharedTypes = true;
                // Read the files into memory: the folder can be replaced or deleted while this version runs.
                c.LoadInMemory = true;
            });
            plugin.Loader = loader;
            var assembly = loader.LoadDefaultAssembly();
            plugin.Assembly = assembly;

            stage = "Konfigurieren";
            var pluginTypes = assembly.GetTypes().Where(t => typeof(IJoulesPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
            if (pluginTypes.Count != 1)
                throw new InvalidOperationException(pluginTypes.Count == 0
                    ? $"{plugin.Manifest.EntryAssembly} enthält keine Klasse, die IJoulesPlugin implementiert (gegen einen anderen Core gebaut?)."
                    : $"{plugin.Manifest.EntryAssembly} enthält mehrere IJoulesPlugin-Klassen: {string.Join(", ", pluginTypes.Select(t => t.Name))}.");
            // The events the plugin publishes: the dispatcher finds their type by the stored name (a newer version's
            // type replaces the older one's).
            var eventTypes = hostRoot.GetRequiredService<Joules.Core.Events.DomainEventTypes>();
            foreach (var eventType in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Joules.Core.Events.IDomainEvent).IsAssignableFrom(t)))
                eventTypes.Register(eventType);
            var instance = (IJoulesPlugin)Activator.CreateInstance(pluginTypes[0])!;
            var builder = new PluginBuilder(plugin.Manifest, configuration);
            instance.Configure(builder);
            plugin.Contributions = builder.Build(PagesOf(assembly));

            stage = "Dienste";
            plugin.Services = containers.Build(plugin, builder);
            logger.LogInformation("Plugin {Plugin} {Version}: code loaded in {Elapsed} ms", plugin.Id, plugin.Manifest.Version, watch.ElapsedMilliseconds);
        }
        catch (Exception ex)
        {
            Fault(plugin, stage, ex);
        }
    }

    /// <summary>Applies the pending migrations of the plugin's database contexts; on failure sets its fault.</summary>
    public async Task MigrateAsync(PluginInstance plugin, CancellationToken ct)
    {
        try
        {
            plugin.Contributions.Tables = await MigrateContextsAsync(plugin, ct);
            plugin.LoadedAt = DateTimeOffset.UtcNow;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Fault(plugin, "Migration", ex);
        }
    }

    private void Fault(PluginInstance plugin, string stage, Exception ex)
    {
        var error = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
        logger.LogError(error, "Plugin {Plugin} {Version} faulted at stage {Stage}", plugin.Id, plugin.Manifest.Version, stage);
        plugin.MarkFaulted($"{stage}: {error.GetType().Name}: {error.Message}");
    }

    private static List<string> PagesOf(Assembly assembly) => assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
        .Order(StringComparer.Ordinal)
        .ToList();

    private async Task<IReadOnlyList<string>> MigrateContextsAsync(PluginInstance plugin, CancellationToken ct)
    {
        var tables = new List<string>();
        foreach (var contextType in plugin.Contributions.DbContexts)
        {
            await using var scope = PluginScope.Create(plugin, hostRoot);
            var factoryType = typeof(IDbContextFactory<>).MakeGenericType(contextType);
            var factory = scope.Services.GetRequiredService(factoryType);
            await using var db = (DbContext)factoryType.GetMethod(nameof(IDbContextFactory<DbContext>.CreateDbContext))!.Invoke(factory, null)!;
            await MigrationLock.WaitAsync(ct);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Plugin {Plugin}: applying {Count} migration(s) of {Context}", plugin.Id, pending.Count, contextType.Name);
                    await db.Database.MigrateAsync(ct);
                }
            }
            finally
            {
                MigrationLock.Release();
            }
            tables.AddRange(db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct());
        }
        tables.Sort(StringComparer.Ordinal);
        return tables;
    }
}
