using System.Security.Cryptography;
using System.Text;
using Joules.Core.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace Joules.Core.Messaging.Outbox;

/// <summary>The built-in mail channel: builds the MIME message from an outbox row and hands it to <see cref="IMailTransport"/>.</summary>
public sealed class MailChannelSender(IServiceProvider services) : IMessageChannelSender
{
    /// <summary>The domain part of the message ids the outbox generates.</summary>
    public const string MessageIdDomain = "outbox.joules";

    /// <summary>Header carrying the outbox row id.</summary>
    public const string OutboxIdHeader = "X-Joules-Message-Id";

    public MessageChannel Channel => MessageChannel.Mail;

    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var transport = services.GetService<IMailTransport>() ?? throw new ChannelUnavailableException(MessageChannel.Mail);
        return transport.SendAsync(BuildMimeMessage(message), message.BrandId, ct);
    }

    /// <summary>The MIME message for <paramref name="message"/>: text, or text and HTML as multipart/alternative; the
    /// Message-Id is derived from the idempotency key, so a resend after a crash carries the same id.</summary>
    public static MimeMessage BuildMimeMessage(OutboxMessage message)
    {
        // Given its Date and Message-Id up front (in the order the parameterless constructor writes them), the message
        // does not generate an id and take the current time only to have both replaced.
        var mime = new MimeMessage(
            new Header(HeaderId.From, string.Empty),
            new Header(HeaderId.Date, DateUtils.FormatDate(message.CreatedAt)),
            new Header(HeaderId.Subject, string.Empty),
            new Header(HeaderId.MessageId, "<" + MessageIdFor(message.IdempotencyKey) + ">"));
        mime.Subject = message.Subject;
        mime.To.AddRange(InternetAddressList.Parse(message.To));
        if (!string.IsNullOrWhiteSpace(message.Cc)) mime.Cc.AddRange(InternetAddressList.Parse(message.Cc));
        mime.Headers.Add(OutboxIdHeader, message.Id.ToString());
        var text = new TextPart(TextFormat.Plain) { Text = message.TextBody };
        mime.Body = message.HtmlBody is null ? text : new MultipartAlternative { text, new TextPart(TextFormat.Html) { Text = message.HtmlBody } };
        return mime;
    }

    /// <summary>The Message-Id (without angle brackets) for an idempotency key.</summary>
    public static string MessageIdFor(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..40] + "@" + MessageIdDomain;
}
