using Joules.Core.Events;
using Joules.Core.Plugins.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Joules.Core.Plugins;

/// <summary>What a plugin declares in <see cref="IJoulesPlugin.Configure"/>.</summary>
public interface IPluginBuilder
{
    /// <summary>The plugin's validated <c>plugin.json</c>.</summary>
    PluginManifest Manifest { get; }

    /// <summary>The plugin's own service collection. It becomes a container of its own; the host's services (the
    /// database context factory, the current user, logging, localisation, MudBlazor's services, …) are available in
    /// it. Plugin components <c>@inject</c> services registered here like any other service.</summary>
    IServiceCollection Services { get; }

    /// <summary>The host configuration. By convention a plugin reads its settings from the section
    /// <c>Plugins:&lt;plugin id&gt;</c>.</summary>
    IConfiguration Configuration { get; }

    /// <summary>Adds an entry to the main navigation. It is shown only to users in one of its roles and only while
    /// the plugin is licensed.</summary>
    IPluginBuilder AddNavEntry(PluginNavEntry entry);

    /// <summary>Schedules <typeparamref name="TJob"/> (a Quartz job resolved from the plugin's container in a new scope
    /// for every run) with a Quartz cron expression (seconds first, e.g. <c>"0 0/15 * * * ?"</c>). Jobs run only while
    /// the plugin is active and allowed to change data.</summary>
    /// <param name="key">Stable key of the job within the plugin (letters, digits, dashes).</param>
    /// <param name="cronExpression">Quartz cron expression, in the server's time zone.</param>
    /// <param name="displayName">Name shown in the jobs list.</param>
    /// <param name="runOnActivation">Also run once right after the plugin is activated (at start or live), e.g. to pick up
    /// work interrupted by a restart or to create demo data.</param>
    IPluginBuilder AddJob<TJob>(string key, string cronExpression, LocalizedText displayName, bool runOnActivation = false) where TJob : class, IJob;

    /// <summary>Registers the plugin's database context. It uses the host's database provider and connection, its own
    /// migrations history table, and table names prefixed with <see cref="PluginTables.Prefix"/>. Its migrations run
    /// (under a lock) when the plugin is activated. Components and services get it as
    /// <c>IDbContextFactory&lt;TContext&gt;</c> or as a scoped <typeparamref name="TContext"/>.</summary>
    IPluginBuilder AddDbContext<TContext>() where TContext : PluginDbContext;

    /// <summary>Handles a Core (or another plugin's) domain event. Handlers run after the change was committed, with
    /// retries; a handler that throws marks the plugin faulted and the event is retried once an administrator has
    /// re-enabled the plugin.</summary>
    IPluginBuilder AddEventHandler<TEvent, THandler>()
        where TEvent : IDomainEvent
        where THandler : class, IDomainEventHandler<TEvent>;

    /// <summary>Maps public endpoints (a tracking pixel, a consent link, a webhook, …). They are mapped under
    /// <c>/plugins/&lt;plugin id&gt;/</c>, allow anonymous access unless the plugin requires authorisation, and answer
    /// 503 while the plugin is not licensed, read-only, disabled or faulted.</summary>
    IPluginBuilder MapEndpoints(Action<IEndpointRouteBuilder> map);

    /// <summary>The component administrators see as the plugin's settings (on the Plugins page).</summary>
    IPluginBuilder AddSettingsPage<TComponent>() where TComponent : IComponent;

    /// <summary>Delivers outbox messages of <paramref name="channel"/> (e.g. SMS): while the plugin runs licensed, the
    /// outbox hands every message on that channel to a <typeparamref name="TSender"/> from the plugin's scope; without
    /// such a plugin the messages wait in the outbox.</summary>
    IPluginBuilder AddMessageChannel<TSender>(Domain.Messaging.MessageChannel channel) where TSender : class, Messaging.Outbox.IMessageChannelSender;

    /// <summary>Adds message template keys (the plugin's mails, and the events of its <see cref="Events.INotifiableEvent"/>s
    /// with <c>IsEvent = true</c>) to the template catalogue while the plugin is loaded.</summary>
    IPluginBuilder AddMessageTemplates<TSource>() where TSource : class, Messaging.Templates.IMessageTemplateKeySource;

    /// <summary>Makes the plugin the adapter of credit bureau <paramref name="bureauId"/> (one of
    /// <see cref="Domain.Credit.Bureaus.All"/>): while the plugin runs licensed, credit checks that ask this bureau call a
    /// <typeparamref name="TBureau"/> from the plugin's scope.</summary>
    /// <exception cref="ArgumentException">The bureau id is unknown.</exception>
    IPluginBuilder AddCreditBureau<TBureau>(string bureauId) where TBureau : class, Credit.ICreditBureau;

    /// <summary>Makes the plugin the adapter of market data provider <paramref name="providerId"/> (one of
    /// <see cref="Domain.MarketData.MarketDataProviders.All"/>): while the plugin runs licensed, market data calls to this
    /// provider use a <typeparamref name="TProvider"/> from the plugin's scope.</summary>
    /// <exception cref="ArgumentException">The provider id is unknown.</exception>
    IPluginBuilder AddMarketDataProvider<TProvider>(string providerId) where TProvider : class, MarketData.IMarketDataProvider;
}
