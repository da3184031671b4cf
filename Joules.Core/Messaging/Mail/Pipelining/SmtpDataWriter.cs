using System.Buffers;
using System.Text;

namespace Joules.Core.Messaging.Mail.Pipelining;

/// <summary>Writes a message's content as SMTP data (RFC 5321 §4.5.2): a line starting with a dot gets a second dot, the
/// content ends with a line end, and the terminating dot line follows. <c>MIME-Version: 1.0</c> is put in front when the
/// header section has none, as <see cref="PreparedMail"/> promises.</summary>
internal static class SmtpDataWriter
{
    private static ReadOnlySpan<byte> MimeVersion => "MIME-Version: 1.0\r\n"u8;

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> content)
    {
        if (!HasMimeVersion(content)) output.Write(MimeVersion);
        var atLineStart = true;
        while (!content.IsEmpty)
        {
            if (atLineStart && content[0] == (byte)'.') output.Write("."u8);
            var lineEnd = content.IndexOf((byte)'\n');
            var take = lineEnd < 0 ? content.Length : lineEnd + 1;
            output.Write(content[..take]);
            content = content[take..];
            atLineStart = lineEnd >= 0;
        }
        output.Write(atLineStart ? ".\r\n"u8 : "\r\n.\r\n"u8);
    }

    /// <summary>True if a field named MIME-Version starts a line of the header section (which ends at the first empty line).</summary>
    internal static bool HasMimeVersion(ReadOnlySpan<byte> content)
    {
        var headerEnd = content.IndexOf("\r\n\r\n"u8);
        var header = headerEnd < 0 ? content : content[..(headerEnd + 2)];
        var name = "MIME-Version:"u8;
        var start = 0;
        while (start < header.Length)
        {
            var line = header[start..];
            if (line.Length >= name.Length && Ascii.EqualsIgnoreCase(line[..name.Length], name)) return true;
            var next = line.IndexOf((byte)'\n');
            if (next < 0) break;
            start += next + 1;
        }
        return false;
    }
}
