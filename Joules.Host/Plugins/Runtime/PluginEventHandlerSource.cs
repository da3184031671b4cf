using Joules.Core.Events;
using Joules.Core.Tenancy;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Hands the domain event dispatcher the handlers of running plugins. Each handler runs in a plugin scope on
/// a host scope of its own; a handler that throws marks its plugin faulted. The handlers of a faulted plugin stay in
/// the list but fail at once, so the event is kept and retried (with back-off) until an administrator re-enables the
/// plugin.</summary>
internal sealed class PluginEventHandlerSource(PluginRegistry registry, IServiceProvider hostRoot, ILogger<PluginEventHandlerSource> logger)
    : IDomainEventHandlerSource
{
    public IEnumerable<DomainEventHandlerInvoker> HandlersFor(Type eventType, IServiceProvider scope)
    {
        foreach (var plugin in registry.All)
        {
            if (plugin.Services is null || !plugin.Enabled || !plugin.Licence.AllowsChanges) continue;
            foreach (var (type, handlerType) in plugin.Contributions.EventHandlers)
            {
                if (!type.IsAssignableFrom(eventType)) continue;
                var name = $"{plugin.Id}:{handlerType.FullName}";
                var target = plugin;
                yield return new DomainEventHandlerInvoker(name, (e, ct) => InvokeAsync(target, handlerType, type, e, ct));
            }
        }
    }

    private async Task InvokeAsync(PluginInstance plugin, Type handlerType, Type eventType, IDomainEvent domainEvent, CancellationToken ct)
    {
        if (plugin.Fault is not null)
            throw new InvalidOperationException($"Plugin {plugin.Id} ist fehlerhaft: {plugin.Fault}");
        try
        {
            await using var scope = PluginScope.Create(plugin, hostRoot);
            scope.Host.GetRequiredService<CurrentUserAccessor>().User = new SystemUser($"plugin:{plugin.Id}");
            var handler = scope.Services.GetRequiredService(handlerType);
            var method = typeof(IDomainEventHandler<>).MakeGenericType(eventType).GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!;
            await (Task)method.Invoke(handler, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [domainEvent, ct], null)!;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Plugin {Plugin} failed handling {Event}; plugin marked faulted", plugin.Id, eventType.Name);
            plugin.MarkFaulted($"Ereignis {eventType.Name}: {ex.GetType().Name}: {ex.Message}");
            registry.NotifyChanged();
            throw;
        }
    }
}
