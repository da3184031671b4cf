using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Messaging.Templates;

/// <summary>The template in force for a brand, key and language: a saved version, or the built-in text
/// (<see cref="IsBuiltIn"/>, <see cref="TemplateId"/> null, <see cref="Version"/> 0).</summary>
public sealed record ResolvedTemplate(Guid? TemplateId, int Version, string Key, string Language, string Name, string Subject,
    string? Html, string Text, DateTimeOffset? CreatedAt, string? CreatedBy)
{
    /// <summary>The channel the texts are written for.</summary>
    public MessageChannel Channel { get; init; }

    /// <summary>True if no saved version exists and the text shipped with the code is used.</summary>
    public bool IsBuiltIn => TemplateId is null;

    /// <summary>A saved version.</summary>
    public static ResolvedTemplate From(MessageTemplate t) =>
        new(t.Id, t.Version, t.Key, t.Language, t.Name, t.Subject, t.Html, t.Text, t.CreatedAt, t.CreatedBy) { Channel = t.Channel };
}

/// <summary>A row of the template overview; <see cref="Version"/> 0 means the built-in text is in use.</summary>
public sealed record TemplateOverviewRow(string Key, string Description, string Language, int Version, string? Name, string? Author, DateTimeOffset? SavedAt)
{
    /// <summary>The channel of the row.</summary>
    public MessageChannel Channel { get; init; }
}

/// <summary>Saves, finds and renders message templates. Every save writes a new version (1, 2, 3 … per brand, key
/// and language); old versions stay unchanged so a message can always name the version it was rendered from.</summary>
public sealed class MessageTemplateService(IDbContextFactory<JoulesDbContext> dbFactory, MessageTemplateCatalogue catalogue,
    TemplateValidator validator, TemplateRenderer renderer, TimeProvider? clock = null)
{
    /// <summary>The language used when a template is missing in the requested one.</summary>
    public const string FallbackLanguage = "de";

    /// <summary>Supported languages.</summary>
    public static readonly IReadOnlyList<string> Languages = ["de", "en"];

    /// <summary>The catalogue of keys and variables.</summary>
    public MessageTemplateCatalogue Catalogue => catalogue;

    /// <summary>Validates (see <see cref="TemplateValidator"/>).</summary>
    public TemplateValidationResult Validate(string key, string? subject, string? html, string? text) => validator.Validate(key, subject, html, text);

    /// <summary>Validates for a channel (see <see cref="TemplateValidator.Validate(string, string?, string?, string?, MessageChannel)"/>).</summary>
    public TemplateValidationResult Validate(string key, string? subject, string? html, string? text, MessageChannel channel) =>
        validator.Validate(key, subject, html, text, channel);

    /// <summary>Validates and writes a new version. Warnings (unknown variables) do not stop saving. For SMS the HTML
    /// part is dropped and the subject is optional; for messenger the HTML part is dropped.</summary>
    /// <exception cref="DomainException">Unknown key or language, missing name, or a syntax error ("… Zeile X, Spalte Y …").</exception>
    public async Task<MessageTemplate> SaveAsync(Guid brandId, string key, string language, string name, string subject, string? html, string text,
        CancellationToken ct = default, MessageChannel channel = MessageChannel.Mail)
    {
        if (channel != MessageChannel.Mail) html = null;
        catalogue.Get(key);
        if (!Languages.Contains(language)) throw new DomainException(CoreText.Format("Template.UnknownLanguage", language), "Language");
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(CoreText.Get("Template.NameRequired"), "Name");
        var result = validator.Validate(key, subject, html, text, channel);
        if (result.Errors.FirstOrDefault() is { } error) throw new DomainException(error.Message, error.Part);

        await using var db = dbFactory.CreateDbContext();
        var last = await db.MessageTemplates.Where(t => t.BrandId == brandId && t.Key == key && t.Language == language && t.Channel == channel)
            .MaxAsync(t => (int?)t.Version, ct) ?? 0;
        var template = MessageTemplate.Create(brandId, key, language, last + 1, name.Trim(), (subject ?? "").Trim(),
            string.IsNullOrWhiteSpace(html) ? null : html, text, (clock ?? TimeProvider.System).GetUtcNow(), db.User.UserName, channel);
        db.MessageTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return template;
    }

    /// <summary>The newest version for brand, key, language and channel; else the newest German one; else the built-in
    /// text (in the requested language, or German; for messenger and SMS derived from the mail text, see
    /// <see cref="MessageTemplateKey.DefaultFor(string, MessageChannel)"/>).</summary>
    /// <exception cref="DomainException">The key is unknown.</exception>
    public async Task<ResolvedTemplate> CurrentAsync(Guid brandId, string key, string language, CancellationToken ct = default,
        MessageChannel channel = MessageChannel.Mail)
    {
        var definition = catalogue.Get(key);
        await using var db = dbFactory.CreateDbContext();
        foreach (var lang in language == FallbackLanguage ? [language] : new[] { language, FallbackLanguage })
        {
            var saved = await db.MessageTemplates.AsNoTracking()
                .Where(t => t.BrandId == brandId && t.Key == key && t.Language == lang && t.Channel == channel)
                .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
            if (saved is not null) return ResolvedTemplate.From(saved);
        }
        var builtIn = definition.DefaultFor(language, channel) ?? new BuiltInTemplate(key, null, "");
        var builtInLanguage = definition.Defaults.ContainsKey(language) ? language : FallbackLanguage;
        return new ResolvedTemplate(null, 0, key, builtInLanguage, definition.Description, builtIn.Subject, builtIn.Html, builtIn.Text, null, null)
        {
            Channel = channel,
        };
    }

    /// <summary>One row per key and language of <paramref name="channel"/>: the newest saved version (or 0 for the
    /// built-in text) and its author.</summary>
    public async Task<IReadOnlyList<TemplateOverviewRow>> OverviewAsync(Guid brandId, CancellationToken ct = default,
        MessageChannel channel = MessageChannel.Mail)
    {
        await using var db = dbFactory.CreateDbContext();
        // Few rows per brand (keys × languages × versions): pick the newest per key and language in memory.
        var latest = (await db.MessageTemplates.AsNoTracking().Where(t => t.BrandId == brandId && t.Channel == channel)
                .Select(t => new { t.Key, t.Language, t.Version, t.Name, t.CreatedBy, t.CreatedAt }).ToListAsync(ct))
            .GroupBy(t => (t.Key, t.Language)).Select(g => g.MaxBy(t => t.Version)!).ToList();
        var rows = new List<TemplateOverviewRow>();
        foreach (var key in catalogue.All)
            foreach (var language in Languages)
            {
                var saved = latest.FirstOrDefault(t => t.Key == key.Key && t.Language == language);
                rows.Add(saved is null
                    ? new TemplateOverviewRow(key.Key, key.Description, language, 0, null, null, null) { Channel = channel }
                    : new TemplateOverviewRow(key.Key, key.Description, language, saved.Version, saved.Name, saved.CreatedBy, saved.CreatedAt) { Channel = channel });
            }
        return rows;
    }

    /// <summary>All saved versions for brand, key, language and channel, newest first.</summary>
    public async Task<IReadOnlyList<MessageTemplate>> VersionsAsync(Guid brandId, string key, string language, CancellationToken ct = default,
        MessageChannel channel = MessageChannel.Mail)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.MessageTemplates.AsNoTracking()
            .Where(t => t.BrandId == brandId && t.Key == key && t.Language == language && t.Channel == channel)
            .OrderByDescending(t => t.Version).ToListAsync(ct);
    }

    /// <summary>Renders <paramref name="template"/> with <paramref name="model"/> (flat variables).</summary>
    /// <exception cref="TemplateRenderException">Syntax error or a sandbox limit was hit.</exception>
    public async Task<RenderedMessage> RenderAsync(ResolvedTemplate template, IReadOnlyDictionary<string, object?> model, CancellationToken ct = default)
    {
        var rendered = await renderer.RenderAsync(template.Subject, template.Html, template.Text, model, template.Language, ct);
        return rendered with { TemplateId = template.TemplateId, Version = template.Version };
    }

    /// <summary>Renders a saved version.</summary>
    public Task<RenderedMessage> RenderAsync(MessageTemplate template, IReadOnlyDictionary<string, object?> model, CancellationToken ct = default) =>
        RenderAsync(ResolvedTemplate.From(template), model, ct);

    /// <summary>Renders unsaved texts with the catalogue's sample values of <paramref name="key"/> (editor preview).</summary>
    public Task<RenderedMessage> PreviewAsync(string key, string subject, string? html, string text, string language = "de", CancellationToken ct = default) =>
        renderer.RenderAsync(subject, html, text, catalogue.Get(key).SampleModel(), language, ct);
}
