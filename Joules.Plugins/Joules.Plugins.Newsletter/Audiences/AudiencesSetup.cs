using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Registers the audiences part of the newsletter plugin: double opt-in, unsubscribe, preference centre, the
/// back-office services and the synchronisation of lists fed from Core customers and sales partners.</summary>
public static class AudiencesSetup
{
    public static IPluginBuilder AddAudiences(this IPluginBuilder plugin)
    {
        plugin.Services.TryAddSingleton(TimeProvider.System);
        plugin.Services.AddSingleton<SubscribeRateLimit>();
        plugin.Services.AddScoped<ConfirmationMailer>();
        plugin.Services.AddScoped<PublicSubscriptions>();
        plugin.Services.AddScoped<Public.PublicPageContext>();
        plugin.Services.AddScoped<IAudienceAudit, CoreAudienceAudit>();
        plugin.Services.AddScoped<ICoreAudienceSource, CoreAudienceSource>();
        plugin.Services.AddScoped<ListService>();
        plugin.Services.AddScoped<SubscriberService>();
        plugin.Services.AddScoped<SuppressionService>();
        plugin.Services.AddScoped<SegmentService>();
        plugin.Services.AddScoped<SubscriberImport>();
        plugin.Services.AddScoped<CustomerListSync>();
        plugin.AddJob<CustomerListSyncJob>("audience-sync", "0 0/15 * * * ?", new("Newsletter-Verteiler mit Kundeneinwilligungen abgleichen",
            "Sync newsletter lists with customer consents"));
        plugin.MapEndpoints(UnsubscribeEndpoints.Map);
        plugin.MapEndpoints(ConfirmEndpoints.Map);
        return plugin;
    }
}
