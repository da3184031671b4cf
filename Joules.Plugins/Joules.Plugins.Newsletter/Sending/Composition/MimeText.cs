using System.Buffers;
using System.Globalization;
using System.Text;
using MimeKit.Utils;

namespace Joules.Plugins.Newsletter.Sending.Composition;

/// <summary>Writes a message as 7-bit MIME text (RFC 5322, 2045–2047): header fields folded at 78 characters with
/// RFC 2047 words for non-ASCII text, bodies quoted-printable in UTF-8. What <see cref="CampaignComposer.ComposePrepared"/>
/// builds per recipient, without a MimeKit object tree.</summary>
internal sealed class MimeText
{
    private const int FoldAt = 78;
    private const int QuotedPrintableLine = 76;
    private static readonly byte[] Hex = "0123456789ABCDEF"u8.ToArray();
    private byte[] _buffer;
    private int _length;

    public MimeText(int capacity) => _buffer = new byte[capacity];

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>True if <paramref name="text"/> is printable ASCII (what a header field or an envelope address can carry
    /// without encoding or SMTPUTF8).</summary>
    public static bool IsPrintableAscii(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange((char)0x20, (char)0x7E);

    /// <summary>An unstructured header field (Subject): as it is when printable ASCII, else RFC 2047 words in UTF-8.</summary>
    public void Unstructured(string name, string value)
    {
        var encoded = IsPrintableAscii(value) && !value.Contains("=?", StringComparison.Ordinal)
            ? value
            : Encoding.ASCII.GetString(Rfc2047.EncodeText(Encoding.UTF8, value));
        Field(name, encoded);
    }

    /// <summary>A header field whose value is already 7-bit; folded at white space to keep lines short.</summary>
    public void Field(string name, string value)
    {
        Ascii(name);
        Ascii(":");
        var line = name.Length + 1;
        var rest = value.AsSpan();
        var first = true;
        while (rest.Length > 0)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? [] : rest[(space + 1)..];
            if (!first && line + 1 + word.Length > FoldAt)
            {
                Ascii("\r\n");
                line = 0;
            }
            Ascii(" ");
            Ascii(word);
            line += 1 + word.Length;
            first = false;
        }
        Ascii("\r\n");
    }

    /// <summary>A mailbox as <c>name &lt;address&gt;</c> with the name quoted or RFC 2047-encoded as needed.</summary>
    public static string Mailbox(string? name, string address)
    {
        if (string.IsNullOrWhiteSpace(name)) return address;
        name = name.Trim();
        if (!IsPrintableAscii(name) || name.Contains("=?", StringComparison.Ordinal))
            return Encoding.ASCII.GetString(Rfc2047.EncodePhrase(Encoding.UTF8, name)) + " <" + address + ">";
        // A quoted string: only backslash and double quote need escaping.
        return name.AsSpan().ContainsAny('\\', '"')
            ? "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\" <" + address + ">"
            : "\"" + name + "\" <" + address + ">";
    }

    /// <summary>The date as RFC 5322 wants it (in UTC).</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public void Ascii(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        for (var i = 0; i < text.Length; i++) _buffer[_length + i] = (byte)text[i];
        _length += text.Length;
    }

    public void Ascii(ReadOnlySpan<byte> text)
    {
        Ensure(text.Length);
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary><paramref name="text"/> in UTF-8, quoted-printable (RFC 2045 § 6.7): CRLF line ends, soft breaks at 76
    /// characters, white space before a line end encoded, nothing but printable ASCII.</summary>
    public void QuotedPrintable(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var count = Encoding.UTF8.GetBytes(text, rented);
            QuotedPrintable(rented.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void QuotedPrintable(ReadOnlySpan<byte> bytes)
    {
        var buffer = _buffer;
        var at = _length;
        var line = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            // One input byte writes at most a soft break and "=XX": 6 bytes.
            if (at + 6 > buffer.Length)
            {
                _length = at;
                Ensure(Math.Max(64, bytes.Length - i + 6));
                buffer = _buffer;
            }
            var b = bytes[i];
            if (b == (byte)'\n' || (b == (byte)'\r' && i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n'))
            {
                if (b == (byte)'\r') i++;
                buffer[at++] = (byte)'\r';
                buffer[at++] = (byte)'\n';
                line = 0;
                continue;
            }
            var lineEnd = i + 1 == bytes.Length || bytes[i + 1] == (byte)'\n' || (bytes[i + 1] == (byte)'\r' && i + 2 < bytes.Length && bytes[i + 2] == (byte)'\n');
            var literal = b is >= 33 and <= 126 and not (byte)'=' || (b is (byte)' ' or (byte)'\t' && !lineEnd);
            var width = literal ? 1 : 3;
            if (line + width > QuotedPrintableLine - 1)
            {
                buffer[at++] = (byte)'=';
                buffer[at++] = (byte)'\r';
                buffer[at++] = (byte)'\n';
                line = 0;
            }
            if (literal)
            {
                buffer[at++] = b;
            }
            else
            {
                buffer[at++] = (byte)'=';
                buffer[at++] = Hex[b >> 4];
                buffer[at++] = Hex[b & 15];
            }
            line += width;
        }
        _length = at;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
