using Joules.Core.Commissions;
using Joules.Core.Data.Providers;
using Joules.Core.Events;
using Joules.Core.Messaging.Templates;
using Joules.Core.Messaging.Mail;
using Joules.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Core;

/// <summary>Registers Core: database, acting user, domain events.</summary>
public static class CoreServiceRegistration
{
    public static IServiceCollection AddJoulesCore(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddJoulesDatabase(database);
        services.TryAddScoped<CurrentUserAccessor>();
        services.TryAddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUserAccessor>());
        services.AddSingleton<DomainEventTypes>();
        services.TryAddSingleton<Tenancy.BrandConfigurationCache>();
        services.AddSingleton<DomainEventDispatcher>();
        services.AddSingleton<IDomainEventHandlerSource, ServiceProviderHandlerSource>();
        services.AddScoped<IDomainEventHandler<ContractStatusChanged>, CommissionAccrualHandler>();
        services.TryAddSingleton<Integration.SecretProtector>();
        services.AddMessageTemplates();
        services.AddMailTransport();
        Messaging.Outbox.OutboxRegistration.AddMessageOutbox(services);
        Messaging.Messenger.MessengerRegistration.AddMessengerChannel(services);
        Credit.CreditRegistration.AddCreditChecks(services);
        services.TryAddScoped<UseCases.Tariffs.CalculateTariffs>();
        MarketData.MarketDataRegistration.AddMarketData(services);
        return services;
    }

    /// <summary>Runs the event dispatcher in the background (hosts only; tests call the dispatcher directly).</summary>
    public static IServiceCollection AddDomainEventDispatch(this IServiceCollection services) =>
        services.AddHostedService<DomainEventDispatchService>();
}
