using Joules.Core.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>Registers the audiences part of the newsletter plugin: double opt-in, unsubscribe, preference centre, the
/// back-office pages' services and the customer-consent synchronisation.</summary>
public static class AudiencesSetup
{
    public static IPluginBuilder AddAudiences(this IPluginBuilder plugin)
    {
        plugin.Services.TryAddSingleton(TimeProvider.System);
        plugin.Services.AddSingleton<SubscribeRateLimit>();
        plugin.Services.AddScoped<ConfirmationMailer>();
        plugin.Services.AddScoped<PublicSubscriptions>();
        plugin.MapEndpoints(UnsubscribeEndpoints.Map);
        return plugin;
    }
}
