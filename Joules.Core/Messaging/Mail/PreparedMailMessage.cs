using System.Text;
using MimeKit;

namespace Joules.Core.Messaging.Mail;

/// <summary>Hands a <see cref="PreparedMail"/> to MailKit without parsing or re-encoding it: MailKit writes a message as
/// its header fields, then its body's header fields, an empty line and the body's content. Here every header field of the
/// prepared text becomes a body header field with its raw value, and the body's content is the prepared body, copied as
/// it is.</summary>
internal static class PreparedMailMessage
{
    public static MimeMessage Wrap(PreparedMail mail)
    {
        var content = mail.Content;
        var span = content.Span;
        var headerEnd = span.IndexOf("\r\n\r\n"u8);
        if (headerEnd <= 0) throw new ArgumentException("The prepared mail has no header section ending with an empty line.", nameof(mail));
        var fields = new List<(string Name, byte[] Value)>(16);
        var end = headerEnd + 2;
        var position = 0;
        while (position < end)
        {
            // A field runs to the CRLF that is not followed by white space (folded lines continue it).
            var next = position;
            do
            {
                next += span[next..end].IndexOf("\r\n"u8) + 2;
            } while (next < end && span[next] is (byte)' ' or (byte)'\t');
            var field = span[position..next];
            var colon = field.IndexOf((byte)':');
            if (colon <= 0) throw new ArgumentException($"Not a header field: {Encoding.ASCII.GetString(field).TrimEnd()}", nameof(mail));
            fields.Add((Encoding.ASCII.GetString(field[..colon]), field[(colon + 1)..].ToArray()));
            position = next;
        }
        // The body entity is made with its content type (MimeKit formats that field itself); the other fields keep their raw values.
        var typeField = fields.FindIndex(f => f.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
        var type = typeField >= 0 && ContentType.TryParse(Encoding.ASCII.GetString(fields[typeField].Value).Trim(), out var parsed)
            ? parsed : new ContentType("text", "plain");
        var body = new PreparedBody(type, content[(headerEnd + 4)..]);
        var message = new MimeMessage((IEnumerable<Header>)[]) { Body = body };
        for (var i = 0; i < fields.Count; i++)
        {
            if (i == typeField) continue;
            var (name, value) = fields[i];
            var header = new Header(name, "-");
            header.SetRawValue(value);
            // MIME-Version belongs to the message (which writes its own otherwise); everything else goes out with the body.
            (name.Equals("MIME-Version", StringComparison.OrdinalIgnoreCase) ? message.Headers : body.Headers).Add(header);
        }
        return message;
    }

    private sealed class PreparedBody(ContentType type, ReadOnlyMemory<byte> content) : MimeEntity(type)
    {
        // Already 7-bit and encoded: nothing to choose.
        public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78) { }

        public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            if (!contentOnly)
            {
                Headers.WriteTo(options, stream, cancellationToken);
                stream.Write(NewLine(options));
            }
            stream.Write(content.Span);
        }

        public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
        {
            if (!contentOnly)
            {
                await Headers.WriteToAsync(options, stream, cancellationToken);
                await stream.WriteAsync(NewLine(options), cancellationToken);
            }
            await stream.WriteAsync(content, cancellationToken);
        }

        private static byte[] NewLine(FormatOptions options) => options.NewLineFormat == NewLineFormat.Dos ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
    }
}
