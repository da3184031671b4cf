using Microsoft.Extensions.DependencyInjection;

namespace Joules.Core.Events;

/// <summary>A handler ready to run: <see cref="Name"/> identifies it in receipts, so keep it stable.</summary>
public sealed record DomainEventHandlerInvoker(string Name, Func<IDomainEvent, CancellationToken, Task> Invoke);

/// <summary>Supplies handlers for an event type. Core's source resolves <see cref="IDomainEventHandler{TEvent}"/>
/// from the host container; the plugin runtime adds one source per plugin container.</summary>
public interface IDomainEventHandlerSource
{
    /// <summary>Handlers of <paramref name="eventType"/>, resolved from <paramref name="scope"/> or the source's own container.</summary>
    IEnumerable<DomainEventHandlerInvoker> HandlersFor(Type eventType, IServiceProvider scope);
}

/// <summary>Resolves <see cref="IDomainEventHandler{TEvent}"/> registrations of a service provider.</summary>
public sealed class ServiceProviderHandlerSource : IDomainEventHandlerSource
{
    public IEnumerable<DomainEventHandlerInvoker> HandlersFor(Type eventType, IServiceProvider scope) => Resolve(eventType, scope);

    /// <summary>Handlers registered in <paramref name="services"/>, as invokers.</summary>
    public static IEnumerable<DomainEventHandlerInvoker> Resolve(Type eventType, IServiceProvider services)
    {
        var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(eventType);
        var method = handlerType.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!;
        foreach (var handler in services.GetServices(handlerType))
        {
            if (handler is null) continue;
            // DoNotWrapExceptions: a handler that throws before returning its task is recorded with its own message,
            // not as a TargetInvocationException.
            yield return new DomainEventHandlerInvoker(handler.GetType().FullName!,
                (e, ct) => (Task)method.Invoke(handler, System.Reflection.BindingFlags.DoNotWrapExceptions, null, [e, ct], null)!);
        }
    }
}
