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

/// <summary>All template keys known to the installation: Core's (<see cref="MessageTemplateKeys"/>) and those of plugins.</summary>
public sealed class MessageTemplateCatalogue
{
    private readonly Dictionary<string, MessageTemplateKey> _keys = new(StringComparer.Ordinal);

    /// <summary>Builds the catalogue from every registered source.</summary>
    public MessageTemplateCatalogue(IEnumerable<IMessageTemplateKeySource> sources)
    {
        foreach (var source in sources)
            foreach (var key in source.Keys)
                _keys.TryAdd(key.Key, key);
    }

    /// <summary>All keys, sorted by key.</summary>
    public IReadOnlyList<MessageTemplateKey> All => _keys.Values.OrderBy(k => k.Key, StringComparer.Ordinal).ToList();

    /// <summary>The key definition, or null if no source defines it.</summary>
    public MessageTemplateKey? Find(string key) => _keys.GetValueOrDefault(key);

    /// <summary>The key definition.</summary>
    /// <exception cref="Domain.Common.DomainException">The key is unknown.</exception>
    public MessageTemplateKey Get(string key) => Find(key)
        ?? throw new Domain.Common.DomainException(Domain.Common.CoreText.Format("Template.UnknownKey", key), "Key");
}
