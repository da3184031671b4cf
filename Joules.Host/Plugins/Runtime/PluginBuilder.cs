using System.Text.RegularExpressions;
using Joules.Core.Events;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Quartz;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Collects what a plugin declares; validates each declaration so a mistake faults the plugin at activation
/// with a clear reason instead of failing later.</summary>
internal sealed partial class PluginBuilder(PluginManifest manifest, IConfiguration configuration) : IPluginBuilder
{
    private readonly List<PluginNavEntry> _nav = [];
    private readonly List<PluginJob> _jobs = [];
    private readonly List<Type> _contexts = [];
    private readonly List<(Type, Type)> _handlers = [];
    private readonly List<Action<IEndpointRouteBuilder>> _endpoints = [];
    private readonly Dictionary<Joules.Core.Domain.Messaging.MessageChannel, Type> _channels = [];
    private readonly List<Type> _templateSources = [];
    private readonly Dictionary<string, Type> _bureaus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _marketDataProviders = new(StringComparer.Ordinal);
    private Type? _settings;

    public PluginManifest Manifest => manifest;
    public IServiceCollection Services { get; } = new ServiceCollection();
    public IConfiguration Configuration => configuration;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")]
    private static partial Regex JobKeyPattern();

    public IPluginBuilder AddNavEntry(PluginNavEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.Href) || entry.Href.StartsWith('/') || entry.Href.Contains("://", StringComparison.Ordinal))
            throw new InvalidOperationException($"Navigation entry \"{entry.Href}\": the address must be relative, without leading slash.");
        if (entry.Roles.Length == 0) throw new InvalidOperationException($"Navigation entry \"{entry.Href}\" names no role.");
        _nav.Add(entry);
        return this;
    }

    public IPluginBuilder AddJob<TJob>(string key, string cronExpression, LocalizedText displayName, bool runOnActivation = false) where TJob : class, IJob
    {
        if (!JobKeyPattern().IsMatch(key ?? "")) throw new InvalidOperationException($"Job key \"{key}\" is invalid (letters, digits, dashes).");
        if (!CronExpression.TryParse(cronExpression ?? "", out _)) throw new InvalidOperationException($"Job \"{key}\": \"{cronExpression}\" is not a valid Quartz cron expression.");
        if (_jobs.Any(j => j.Key == key)) throw new InvalidOperationException($"Job key \"{key}\" is declared twice.");
        _jobs.Add(new PluginJob(key!, cronExpression!, displayName, typeof(TJob), runOnActivation));
        Services.AddTransient<TJob>();
        return this;
    }

    public IPluginBuilder AddDbContext<TContext>() where TContext : PluginDbContext
    {
        if (!_contexts.Contains(typeof(TContext))) _contexts.Add(typeof(TContext));
        return this;
    }

    public IPluginBuilder AddEventHandler<TEvent, THandler>() where TEvent : IDomainEvent where THandler : class, IDomainEventHandler<TEvent>
    {
        _handlers.Add((typeof(TEvent), typeof(THandler)));
        Services.AddScoped<THandler>();
        return this;
    }

    public IPluginBuilder MapEndpoints(Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _endpoints.Add(map);
        return this;
    }

    public IPluginBuilder AddSettingsPage<TComponent>() where TComponent : IComponent
    {
        _settings = typeof(TComponent);
        return this;
    }

    public IPluginBuilder AddMessageChannel<TSender>(Joules.Core.Domain.Messaging.MessageChannel channel)
        where TSender : class, Joules.Core.Messaging.Outbox.IMessageChannelSender
    {
        _channels[channel] = typeof(TSender);
        Services.AddScoped<TSender>();
        return this;
    }

    public IPluginBuilder AddMessageTemplates<TSource>() where TSource : class, Joules.Core.Messaging.Templates.IMessageTemplateKeySource
    {
        _templateSources.Add(typeof(TSource));
        Services.AddSingleton<TSource>();
        return this;
    }

    public IPluginBuilder AddCreditBureau<TBureau>(string bureauId) where TBureau : class, Joules.Core.Credit.ICreditBureau
    {
        if (Joules.Core.Domain.Credit.Bureaus.Find(bureauId) is null)
            throw new ArgumentException($"Unknown credit bureau '{bureauId}'.", nameof(bureauId));
        _bureaus[bureauId] = typeof(TBureau);
        Services.AddScoped<TBureau>();
        return this;
    }

    public IPluginBuilder AddMarketDataProvider<TProvider>(string providerId) where TProvider : class, Joules.Core.MarketData.IMarketDataProvider
    {
        if (Joules.Core.Domain.MarketData.MarketDataProviders.Find(providerId) is null)
            throw new ArgumentException($"Unknown market data provider '{providerId}'.", nameof(providerId));
        _marketDataProviders[providerId] = typeof(TProvider);
        Services.AddScoped<TProvider>();
        return this;
    }

    public PluginContributions Build(IReadOnlyList<string> pages) => new()
    {
        NavEntries = _nav.ToList(),
        Jobs = _jobs.ToList(),
        DbContexts = _contexts.ToList(),
        EventHandlers = _handlers.ToList(),
        Endpoints = _endpoints.ToList(),
        SettingsComponent = _settings,
        ChannelSenders = new Dictionary<Joules.Core.Domain.Messaging.MessageChannel, Type>(_channels),
        TemplateKeySources = _templateSources.ToList(),
        CreditBureaus = new Dictionary<string, Type>(_bureaus, StringComparer.Ordinal),
        MarketDataProviders = new Dictionary<string, Type>(_marketDataProviders, StringComparer.Ordinal),
        Pages = pages,
    };
}
