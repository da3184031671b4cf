using Joules.Core.Domain.Identity;
using Joules.Core.Events;
using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.SystemMessages;

/// <summary>System messages: rules that notify customers, sales partners, employees, roles, fixed addresses or a
/// messenger channel (mail, messenger, SMS) when Core events or notifiable plugin events happen.</summary>
public sealed class SystemMessagesPlugin : IJoulesPlugin
{
    public void Configure(IPluginBuilder plugin)
    {
        plugin.AddDbContext<SystemMessagesDb>();
        plugin.Services.AddScoped<RuleService>();
        plugin.Services.AddScoped<NotificationPlanner>();
        plugin.Services.AddScoped<NotificationDispatcher>();
        plugin.Services.AddScoped<RuleTester>();
        plugin.AddEventHandler<ContractStatusChanged, ContractStatusChangedHandler>();
        plugin.AddEventHandler<ContractCreated, ContractCreatedHandler>();
        plugin.AddEventHandler<CustomerCreated, CustomerCreatedHandler>();
        plugin.AddEventHandler<ImportCompleted, ImportCompletedHandler>();
        plugin.AddEventHandler<ImportFailed, ImportFailedHandler>();
        plugin.AddEventHandler<ExportCompleted, ExportCompletedHandler>();
        plugin.AddEventHandler<CommissionSettlementReleased, CommissionSettlementReleasedHandler>();
        // Plugins' events: the runtime matches handlers by assignability, so every INotifiableEvent arrives here.
        plugin.AddEventHandler<INotifiableEvent, NotifiableEventHandler>();
        plugin.AddNavEntry(new PluginNavEntry("system-messages", new("Systemnachrichten", "System messages"), Roles.BackOffice)
        {
            Icon = MudBlazor.Icons.Material.Filled.MarkEmailUnread,
        });
    }
}

public sealed class ContractStatusChangedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ContractStatusChanged>
{
    public Task HandleAsync(ContractStatusChanged domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class ContractCreatedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ContractCreated>
{
    public Task HandleAsync(ContractCreated domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class CustomerCreatedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<CustomerCreated>
{
    public Task HandleAsync(CustomerCreated domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class ImportCompletedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ImportCompleted>
{
    public Task HandleAsync(ImportCompleted domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class ImportFailedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ImportFailed>
{
    public Task HandleAsync(ImportFailed domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class ExportCompletedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ExportCompleted>
{
    public Task HandleAsync(ExportCompleted domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class CommissionSettlementReleasedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<CommissionSettlementReleased>
{
    public Task HandleAsync(CommissionSettlementReleased domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class NotifiableEventHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<INotifiableEvent>
{
    public Task HandleAsync(INotifiableEvent domainEvent, CancellationToken cancellationToken) => dispatcher.DispatchAsync(domainEvent, cancellationToken);
}
