using Joules.Core.Domain.Identity;
using Joules.Core.Events;
using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.SystemMessages;

/// <summary>System messages: rules that mail customers, sales partners or fixed addresses when Core events happen.</summary>
public sealed class SystemMessagesPlugin : IJoulesPlugin
{
    public void Configure(IPluginBuilder plugin)
    {
        plugin.AddDbContext<SystemMessagesDb>();
        plugin.Services.AddScoped<RuleService>();
        plugin.Services.AddScoped<NotificationDispatcher>();
        plugin.AddEventHandler<ContractStatusChanged, ContractStatusChangedHandler>();
        plugin.AddEventHandler<ContractCreated, ContractCreatedHandler>();
        plugin.AddNavEntry(new PluginNavEntry("system-messages", new("Systemnachrichten", "System messages"), Roles.BackOffice)
        {
            Icon = MudBlazor.Icons.Material.Filled.MarkEmailUnread,
        });
    }
}

public sealed class ContractStatusChangedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ContractStatusChanged>
{
    public Task HandleAsync(ContractStatusChanged domainEvent, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(domainEvent, cancellationToken);
}

public sealed class ContractCreatedHandler(NotificationDispatcher dispatcher) : IDomainEventHandler<ContractCreated>
{
    public Task HandleAsync(ContractCreated domainEvent, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(domainEvent, cancellationToken);
}
