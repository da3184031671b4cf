using System.Globalization;

namespace Joules.Core.Messaging.Templates;

/// <summary>One variable a template may use, e.g. <c>contract.number</c>. Names are flat and dotted; in Liquid a
/// variable is written <c>{{ contract.number }}</c>.</summary>
/// <param name="Name">Dotted name, lower case (e.g. <c>customer.name</c>).</param>
/// <param name="DescriptionDe">German description shown in the editor.</param>
/// <param name="DescriptionEn">English description shown in the editor.</param>
/// <param name="Sample">Sample value used by the editor's preview and by rule tests.</param>
public sealed record TemplateVariable(string Name, string DescriptionDe, string DescriptionEn, string Sample)
{
    /// <summary>The description in the current UI culture (English for "en", German otherwise).</summary>
    public string Description => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? DescriptionEn : DescriptionDe;
}

/// <summary>A template that ships with the code and is used while a brand has not saved its own version.</summary>
/// <param name="Subject">Liquid subject (one line).</param>
/// <param name="Html">Liquid HTML part, or null for text-only mail.</param>
/// <param name="Text">Liquid plain-text part.</param>
public sealed record BuiltInTemplate(string Subject, string? Html, string Text);

/// <summary>A purpose a message template can be written for (usually one domain event), with the variables the
/// sender fills in. Plugins add their own keys through <see cref="IMessageTemplateKeySource"/>.</summary>
/// <param name="Key">Unique key, e.g. <c>contract.status-changed</c>; plugins should prefix theirs with the plugin id.</param>
/// <param name="DescriptionDe">German description shown in the editor.</param>
/// <param name="DescriptionEn">English description shown in the editor.</param>
/// <param name="Variables">Every variable the sender puts into the model; templates using other names get a warning.</param>
/// <param name="Defaults">Built-in templates per language ("de" at least); used until a brand saves its own version.</param>
public sealed record MessageTemplateKey(string Key, string DescriptionDe, string DescriptionEn,
    IReadOnlyList<TemplateVariable> Variables, IReadOnlyDictionary<string, BuiltInTemplate> Defaults)
{
    /// <summary>The description in the current UI culture.</summary>
    public string Description => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? DescriptionEn : DescriptionDe;

    /// <summary>The catalogue's sample values as a render model (for previews and rule tests).</summary>
    public IReadOnlyDictionary<string, object?> SampleModel() =>
        Variables.ToDictionary(v => v.Name, v => (object?)v.Sample, StringComparer.Ordinal);

    /// <summary>The built-in template for <paramref name="language"/>, falling back to German.</summary>
    public BuiltInTemplate? DefaultFor(string language) =>
        Defaults.TryGetValue(language, out var t) ? t : Defaults.TryGetValue(MessageTemplateService.FallbackLanguage, out var de) ? de : null;

    /// <summary>True if the key stands for a domain event that notification rules can react to (Core's event keys and
    /// those of <see cref="Events.INotifiableEvent"/>s of plugins); false for templates a feature sends itself (e.g. a
    /// double opt-in mail).</summary>
    public bool IsEvent { get; init; }

    /// <summary>The built-in template for <paramref name="language"/> and <paramref name="channel"/>. Mail uses
    /// <see cref="Defaults"/>; unless <see cref="ChannelDefaults"/> has its own, messenger gets the mail subject as title
    /// and the plain-text part, and SMS the mail subject as its text.</summary>
    public BuiltInTemplate? DefaultFor(string language, Domain.Messaging.MessageChannel channel)
    {
        if (channel == Domain.Messaging.MessageChannel.Mail) return DefaultFor(language);
        if (ChannelDefaults.TryGetValue((channel, language), out var own)) return own;
        if (ChannelDefaults.TryGetValue((channel, MessageTemplateService.FallbackLanguage), out var ownDe) && !Defaults.ContainsKey(language)) return ownDe;
        var mail = DefaultFor(language);
        if (mail is null) return null;
        return channel == Domain.Messaging.MessageChannel.Sms ? new BuiltInTemplate("", null, mail.Subject) : new BuiltInTemplate(mail.Subject, null, mail.Text);
    }

    /// <summary>Built-in texts for messenger or SMS per (channel, language), where the derived ones do not fit.</summary>
    public IReadOnlyDictionary<(Domain.Messaging.MessageChannel Channel, string Language), BuiltInTemplate> ChannelDefaults { get; init; } =
        new Dictionary<(Domain.Messaging.MessageChannel, string), BuiltInTemplate>();
}

/// <summary>Extension point: contributes template keys (with their variables and built-in texts) to the catalogue.
/// Register implementations in DI as <c>services.AddSingleton&lt;IMessageTemplateKeySource, MyKeys&gt;()</c>; every
/// registered source is read (IEnumerable). Keys must be unique across all sources; a duplicate key replaces nothing
/// and is ignored (the first registration wins).</summary>
public interface IMessageTemplateKeySource
{
    /// <summary>The keys this source contributes.</summary>
    IEnumerable<MessageTemplateKey> Keys { get; }
}

/// <summary>A key source whose keys change while the host runs (the plugin runtime's: plugins arrive and leave).
/// The catalogue reads its keys again whenever <see cref="Version"/> changes.</summary>
public interface IChangingMessageTemplateKeySource : IMessageTemplateKeySource
{
    /// <summary>Changes whenever <see cref="IMessageTemplateKeySource.Keys"/> may have changed.</summary>
    long Version { get; }
}

/// <summary>All template keys known to the installation: Core's (<see cref="MessageTemplateKeys"/>) and those of plugins.</summary>
public sealed class MessageTemplateCatalogue
{
    private readonly IReadOnlyList<IMessageTemplateKeySource> _sources;
    private readonly IChangingMessageTemplateKeySource[] _changing;
    private (long Version, Dictionary<string, MessageTemplateKey> Keys, IReadOnlyList<MessageTemplateKey> Sorted) _snapshot;

    /// <summary>Builds the catalogue from every registered source.</summary>
    public MessageTemplateCatalogue(IEnumerable<IMessageTemplateKeySource> sources)
    {
        _sources = sources.ToList();
        _changing = _sources.OfType<IChangingMessageTemplateKeySource>().ToArray();
        _snapshot = Build(CurrentVersion());
    }

    private long CurrentVersion()
    {
        long version = 0;
        foreach (var source in _changing) version = unchecked(version * 31 + source.Version);
        return version;
    }

    private (long, Dictionary<string, MessageTemplateKey>, IReadOnlyList<MessageTemplateKey>) Build(long version)
    {
        var keys = new Dictionary<string, MessageTemplateKey>(StringComparer.Ordinal);
        foreach (var source in _sources)
            foreach (var key in source.Keys)
                keys.TryAdd(key.Key, key);
        return (version, keys, keys.Values.OrderBy(k => k.Key, StringComparer.Ordinal).ToList());
    }

    private Dictionary<string, MessageTemplateKey> Keys => Current().Keys;

    private (long Version, Dictionary<string, MessageTemplateKey> Keys, IReadOnlyList<MessageTemplateKey> Sorted) Current()
    {
        var snapshot = _snapshot;
        if (_changing.Length == 0) return snapshot;
        var version = CurrentVersion();
        if (version == snapshot.Version) return snapshot;
        return _snapshot = Build(version);
    }

    /// <summary>All keys, sorted by key.</summary>
    public IReadOnlyList<MessageTemplateKey> All => Current().Sorted;

    /// <summary>The keys that stand for events notification rules can react to.</summary>
    public IReadOnlyList<MessageTemplateKey> Events => All.Where(k => k.IsEvent).ToList();

    /// <summary>The key definition, or null if no source defines it.</summary>
    public MessageTemplateKey? Find(string key) => Keys.GetValueOrDefault(key);

    /// <summary>The key definition.</summary>
    /// <exception cref="Domain.Common.DomainException">The key is unknown.</exception>
    public MessageTemplateKey Get(string key) => Find(key)
        ?? throw new Domain.Common.DomainException(Domain.Common.CoreText.Format("Template.UnknownKey", key), "Key");
}
