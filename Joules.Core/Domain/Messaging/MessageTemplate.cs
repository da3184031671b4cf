using Joules.Core.Domain.Common;

namespace Joules.Core.Domain.Messaging;

/// <summary>One version of a message template of a brand: subject, HTML and plain-text part in Liquid, for one purpose
/// (<see cref="Key"/>, e.g. "contract.status-changed") and one language. Versions are never changed: saving writes a
/// new version, and a message records the version it was rendered from.</summary>
public sealed class MessageTemplate : ITenantOwned
{
    private MessageTemplate() { }

    public static MessageTemplate Create(Guid brandId, string key, string language, int version, string name, string subject,
        string? html, string text, DateTimeOffset now, string author, MessageChannel channel = MessageChannel.Mail) => new()
    {
        Id = Guid.NewGuid(),
        BrandId = brandId,
        Key = key,
        Channel = channel,
        Language = language,
        Version = version,
        Name = name,
        Subject = subject,
        Html = html,
        Text = text,
        CreatedAt = now,
        CreatedBy = author,
    };

    public Guid Id { get; private set; }
    public Guid BrandId { get; set; }

    /// <summary>What the template is for; decides which variables are available (e.g. "contract.status-changed").</summary>
    public string Key { get; private set; } = "";

    /// <summary>The channel the template is written for: mail (subject, HTML and text), messenger (subject as title and
    /// text) or SMS (text only). Versions are counted per brand, key, language and channel.</summary>
    public MessageChannel Channel { get; private set; }

    /// <summary>"de" or "en".</summary>
    public string Language { get; private set; } = "de";

    /// <summary>1, 2, 3 … per brand, key, language and channel.</summary>
    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Html { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
}
