using Joules.Core.Messaging.Templates;
using Joules.Core.Plugins;
using Joules.Plugins.Newsletter.Sending.Bounces;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Sending.Pipeline;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Joules.Plugins.Newsletter.Sending;

/// <summary>Registers the sending part of the newsletter plugin.</summary>
public static class SendingSetup
{
    public static IPluginBuilder AddSending(this IPluginBuilder plugin)
    {
        plugin.Services.AddSendingServices();
        plugin.AddJob<DispatchJob>("dispatch", "0/10 * * * * ?", new("Newsletter-Versand steuern", "Newsletter dispatch"), runOnActivation: true);
        plugin.AddJob<BounceMailboxJob>("bounce-mailbox", "0 0/5 * * * ?", new("Newsletter-Bounces abholen", "Newsletter bounce mailbox"));
        return plugin;
    }

    /// <summary>The services without the jobs (tests build a container with these).</summary>
    public static IServiceCollection AddSendingServices(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => new TemplateRenderer());
        services.TryAddSingleton<IBrandDirectory, CoreBrandDirectory>();
        services.TryAddSingleton<SendRateLimiter>();
        services.TryAddSingleton<ComposerFactory>();
        services.TryAddSingleton<CampaignDispatcher>();
        services.TryAddSingleton<ICampaignProgress>(sp => sp.GetRequiredService<CampaignDispatcher>());
        services.TryAddScoped<ICampaignCommands, CampaignCommands>();
        services.TryAddScoped<ICampaignPreview, CampaignPreview>();
        services.TryAddScoped<CampaignScheduler>();
        services.TryAddScoped<BounceMailboxReader>();
        return services;
    }
}
