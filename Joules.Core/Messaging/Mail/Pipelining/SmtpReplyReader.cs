using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Joules.Core.Messaging.Mail.Pipelining;

/// <summary>An SMTP reply (RFC 5321 §4.2): the three-digit code and the text of all its lines.</summary>
/// <param name="Code">The reply code, e.g. 250.</param>
/// <param name="Text">The text after the code; the lines of a multi-line reply joined with a line feed.</param>
internal readonly record struct SmtpReply(int Code, string Text)
{
    public bool IsPositive => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {Text}";
}

/// <summary>Reads SMTP replies from the server's side of a connection. A reply is one or more lines <c>ddd-text</c>
/// ending with a line <c>ddd text</c> (or just <c>ddd</c>); lines end with CRLF (a bare LF is tolerated).</summary>
internal sealed class SmtpReplyReader(PipeReader reader)
{
    private const int MaxReplyBytes = 64 * 1024;

    /// <summary>Reads the next whole reply.</summary>
    /// <exception cref="SmtpProtocolViolation">The server sent something that is not a reply, or closed the connection.</exception>
    public async ValueTask<SmtpReply> ReadAsync(CancellationToken ct)
    {
        StringBuilder? text = null;
        while (true)
        {
            var result = await reader.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (TryReadLine(ref buffer, out var line))
            {
                var (code, last, lineText) = Parse(line);
                if (last && text is null)
                {
                    reader.AdvanceTo(buffer.Start);
                    return new SmtpReply(code, lineText);
                }
                text ??= new StringBuilder();
                if (text.Length > 0) text.Append('\n');
                text.Append(lineText);
                if (last)
                {
                    reader.AdvanceTo(buffer.Start);
                    return new SmtpReply(code, text.ToString());
                }
            }
            if (buffer.Length > MaxReplyBytes) throw new SmtpProtocolViolation("The server's reply line is too long.");
            if (result.IsCompleted) throw new SmtpProtocolViolation("The server closed the connection.");
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var end = buffer.PositionOf((byte)'\n');
        if (end is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r') line = line.Slice(0, line.Length - 1);
        return true;
    }

    private static (int Code, bool Last, string Text) Parse(ReadOnlySequence<byte> line)
    {
        var bytes = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (bytes.Length < 3 || !char.IsAsciiDigit((char)bytes[0]) || !char.IsAsciiDigit((char)bytes[1]) || !char.IsAsciiDigit((char)bytes[2])
            || (bytes.Length > 3 && bytes[3] is not ((byte)' ' or (byte)'-')))
            throw new SmtpProtocolViolation($"Not an SMTP reply: {Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 80)])}");
        var code = (bytes[0] - '0') * 100 + (bytes[1] - '0') * 10 + (bytes[2] - '0');
        var last = bytes.Length == 3 || bytes[3] == (byte)' ';
        return (code, last, bytes.Length > 4 ? Encoding.ASCII.GetString(bytes[4..]) : "");
    }
}

/// <summary>The server broke the protocol (or the connection); the connection cannot be used any more.</summary>
internal sealed class SmtpProtocolViolation(string message) : IOException(message);
