using Joules.Core.Messaging.Templates;

namespace Joules.Host.Plugins.Runtime;

/// <summary>Template keys that loaded plugins add with <c>AddMessageTemplates</c>, for the host's
/// <see cref="MessageTemplateCatalogue"/>. A plugin's keys appear when it is loaded and go when it is removed or disabled.</summary>
internal sealed class PluginTemplateKeySource : IChangingMessageTemplateKeySource
{
    private readonly PluginRegistry _registry;
    private long _version;

    public PluginTemplateKeySource(PluginRegistry registry)
    {
        _registry = registry;
        registry.Changed += () => Interlocked.Increment(ref _version);
    }

    public long Version => Interlocked.Read(ref _version);

    public IEnumerable<MessageTemplateKey> Keys
    {
        get
        {
            var keys = new List<MessageTemplateKey>();
            foreach (var plugin in _registry.All.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                if (!plugin.IsLoaded || !plugin.Enabled) continue;
                foreach (var type in plugin.Contributions.TemplateKeySources)
                    keys.AddRange(((IMessageTemplateKeySource)plugin.Services!.GetRequiredService(type)).Keys);
            }
            return keys;
        }
    }
}
