using System.Text.RegularExpressions;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using MimeKit;

namespace Joules.Plugins.Newsletter.Sending.Bounces;

/// <summary>A bounce found in the bounce mailbox: the failed recipient, hard (5.x.x) or soft (4.x.x), the enhanced status
/// code and diagnostic, and the campaign and subscriber from the original message's Message-ID (0 if not ours).</summary>
public sealed record BounceReport(string? Recipient, BounceKind Kind, string Status, string? Diagnostic, long CampaignId, long SubscriberId);

/// <summary>Reads delivery status notifications (RFC 3464: multipart/report; report-type=delivery-status with a
/// message/delivery-status part, and the original message or its headers). Mails that are not a DSN but quote one of our
/// Message-IDs and an enhanced status code are read the same way as a fallback.</summary>
public static partial class DsnParser
{
    [GeneratedRegex(@"<?(nl\.\d+\.\d+\.[0-9a-f]+@[^>\s]+)>?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OurMessageId();

    [GeneratedRegex(@"\b([245])\.(\d{1,3})\.(\d{1,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedStatus();

    /// <summary>The bounces in <paramref name="message"/> (one per failed recipient); empty if it is no bounce.</summary>
    public static IReadOnlyList<BounceReport> Parse(MimeMessage message)
    {
        var report = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var originalId = OriginalMessageId(message);
        CampaignComposer.TryParseMessageId(originalId, out var campaignId, out var subscriberId);
        if (report is not null)
        {
            var results = new List<BounceReport>();
            foreach (var group in report.StatusGroups.Skip(1))
            {
                var action = group["Action"]?.Trim().ToLowerInvariant();
                var status = group["Status"]?.Trim() ?? "";
                var match = EnhancedStatus().Match(status);
                if (!match.Success || match.Groups[1].Value == "2") continue;
                if (action is "delivered" or "relayed" or "expanded") continue;
                var recipient = Address(group["Final-Recipient"]) ?? Address(group["Original-Recipient"]);
                results.Add(new BounceReport(recipient, match.Groups[1].Value == "5" ? BounceKind.Hard : BounceKind.Soft, match.Value,
                    group["Diagnostic-Code"]?.Trim(), campaignId, subscriberId));
            }
            return results;
        }
        // Not a DSN: a bounce in plain words that still quotes our Message-ID and a status code.
        if (campaignId == 0) return [];
        var text = (message.TextBody ?? "") + "\n" + string.Join("\n", message.BodyParts.OfType<MessagePart>().Select(p => p.Message?.TextBody ?? ""));
        var code = EnhancedStatus().Matches(text).FirstOrDefault(m => m.Groups[1].Value != "2");
        return code is null ? [] : [new BounceReport(null, code.Groups[1].Value == "5" ? BounceKind.Hard : BounceKind.Soft, code.Value,
            Shorten(text.Trim()), campaignId, subscriberId)];
    }

    /// <summary>The Message-ID of the bounced message: from the returned message or its headers, else any of ours quoted.</summary>
    private static string? OriginalMessageId(MimeMessage message)
    {
        foreach (var part in message.BodyParts)
        {
            if (part is MessagePart { Message: { } original } && !string.IsNullOrEmpty(original.MessageId)) return original.MessageId;
            if (part is TextPart text && text.ContentType.IsMimeType("text", "rfc822-headers"))
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.Text + "\r\n"));
                try
                {
                    var headers = HeaderList.Load(stream);
                    if (headers[HeaderId.MessageId] is { } id) return id.Trim();
                }
                catch (FormatException) { }
            }
        }
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part is MessageDeliveryStatus) continue;
            var content = part is TextPart t ? t.Text : null;
            if (content is not null && OurMessageId().Match(content) is { Success: true } m) return m.Groups[1].Value;
        }
        return null;
    }

    private static string? Address(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return null;
        var value = field.Contains(';') ? field[(field.IndexOf(';') + 1)..] : field;
        value = value.Trim().Trim('<', '>').Trim();
        return value.Contains('@') ? value.ToLowerInvariant() : null;
    }

    private static string Shorten(string text) => text.Length > 500 ? text[..500] : text;
}
