using Joules.Core.Plugins;

namespace Joules.Host.Plugins.Runtime;

/// <summary>A job a plugin declared.</summary>
internal sealed record PluginJob(string Key, string Cron, LocalizedText DisplayName, Type JobType, bool RunOnActivation = false);

/// <summary>Everything a plugin declared in <see cref="IJoulesPlugin.Configure"/>.</summary>
internal sealed record PluginContributions
{
    public static readonly PluginContributions Empty = new();

    public IReadOnlyList<PluginNavEntry> NavEntries { get; init; } = [];
    public IReadOnlyList<PluginJob> Jobs { get; init; } = [];
    public IReadOnlyList<Type> DbContexts { get; init; } = [];
    public IReadOnlyList<(Type Event, Type Handler)> EventHandlers { get; init; } = [];
    public IReadOnlyList<Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>> Endpoints { get; init; } = [];
    public Type? SettingsComponent { get; init; }
    public IReadOnlyDictionary<Joules.Core.Domain.Messaging.MessageChannel, Type> ChannelSenders { get; init; } =
        new Dictionary<Joules.Core.Domain.Messaging.MessageChannel, Type>();
    public IReadOnlyList<Type> TemplateKeySources { get; init; } = [];
    public IReadOnlyDictionary<string, Type> CreditBureaus { get; init; } = new Dictionary<string, Type>();
    public IReadOnlyDictionary<string, Type> MarketDataProviders { get; init; } = new Dictionary<string, Type>();
    public IReadOnlyList<string> Pages { get; init; } = [];
    public IReadOnlyList<string> Tables { get; set; } = [];
}
