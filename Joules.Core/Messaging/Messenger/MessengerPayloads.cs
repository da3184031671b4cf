using System.Text.Json;
using System.Text.Json.Nodes;
using Joules.Core.Domain.Messaging;

namespace Joules.Core.Messaging.Messenger;

/// <summary>What a messenger post carries besides title and text (used by the generic JSON payload).</summary>
/// <param name="BrandId">The brand the message belongs to (null for system messages).</param>
/// <param name="MessageId">The outbox message id.</param>
/// <param name="IdempotencyKey">Same key on every attempt; receivers drop repeats with it.</param>
/// <param name="CreatedAt">When the message was queued.</param>
public sealed record MessengerEnvelope(Guid? BrandId, Guid MessageId, string IdempotencyKey, DateTimeOffset CreatedAt);

/// <summary>The JSON bodies posted to incoming webhooks, one shape per <see cref="MessengerKind"/> (documented in
/// docs/messaging.md, section "Messenger").</summary>
public static class MessengerPayloads
{
    /// <summary>The JSON body for <paramref name="kind"/>.</summary>
    public static string Build(MessengerKind kind, string title, string text, MessengerEnvelope envelope)
    {
        title = (title ?? "").Trim();
        text = (text ?? "").Trim();
        JsonObject body = kind switch
        {
            MessengerKind.Slack => new JsonObject { ["text"] = Join(title.Length == 0 ? "" : $"*{title}*", text) },
            MessengerKind.Mattermost => new JsonObject { ["text"] = Join(title.Length == 0 ? "" : $"#### {title}", text) },
            MessengerKind.Teams => Teams(title, text),
            _ => new JsonObject
            {
                ["title"] = title,
                ["text"] = text,
                ["brandId"] = envelope.BrandId?.ToString(),
                ["messageId"] = envelope.MessageId.ToString(),
                ["idempotencyKey"] = envelope.IdempotencyKey,
                ["createdAt"] = envelope.CreatedAt.ToUniversalTime().ToString("O"),
            },
        };
        return body.ToJsonString(Options);
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Join(string head, string text) => head.Length == 0 ? text : text.Length == 0 ? head : head + "\n\n" + text;

    private static JsonObject Teams(string title, string text)
    {
        var blocks = new JsonArray();
        if (title.Length > 0) blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["wrap"] = true });
        blocks.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true });
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = blocks,
                },
            }),
        };
    }
}
