using System.Text;
using Joules.Core.Domain.Common;

namespace Joules.Core.Transfers;

/// <summary>A CSV file that cannot be read on (an unterminated quote…). <see cref="Line"/> is the physical line.</summary>
public sealed class CsvFormatException(int line, string message) : Exception(message)
{
    /// <summary>Physical line (1-based) where the problem starts.</summary>
    public int Line { get; } = line;
}

/// <summary>Streaming RFC 4180 reader: quoted fields may contain separators, doubled quotes and line breaks.
/// Records carry the physical line they start on, so users find them in an editor. The separator is taken
/// from the header line (semicolon unless the header only has commas).</summary>
public sealed class CsvReader
{
    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _pos, _len;
    private int _line = 1;
    private bool _started;

    /// <param name="reader">The text; a leading byte order mark is skipped.</param>
    /// <param name="separator">Fixed separator, or null to detect it from the first line.</param>
    public CsvReader(TextReader reader, char? separator = null)
    {
        _reader = reader;
        Separator = separator ?? '\0';
    }

    /// <summary>The separator in use (known after the first record was read).</summary>
    public char Separator { get; private set; }

    /// <summary>Reads the next record; false at the end. Blank lines are skipped.</summary>
    public bool TryRead(out int line, out string[] fields)
    {
        if (!_started) Start();
        var list = new List<string>(24);
        while (true)
        {
            line = _line;
            if (!Fill()) { fields = []; return false; }
            if (Peek() is '\n' or '\r') { SkipNewline(); continue; }
            break;
        }
        while (true)
        {
            var end = ReadField(list);
            if (end != FieldEnd.Separator) break;
        }
        fields = list.ToArray();
        return true;
    }

    private enum FieldEnd { Separator, Record }

    private FieldEnd ReadField(List<string> list)
    {
        _field.Clear();
        if (Fill() && Peek() == '"')
        {
            var startLine = _line;
            _pos++;
            while (true)
            {
                if (!Fill()) throw new CsvFormatException(startLine, CoreText.Format("Csv.UnterminatedQuote", startLine));
                var c = _buffer[_pos++];
                if (c == '"')
                {
                    if (Fill() && Peek() == '"') { _field.Append('"'); _pos++; continue; }
                    break;
                }
                if (c == '\n') _line++;
                _field.Append(c);
            }
            list.Add(_field.ToString());
            if (!Fill()) return FieldEnd.Record;
            var next = Peek();
            if (next == Separator) { _pos++; return FieldEnd.Separator; }
            if (next is '\r' or '\n') { SkipNewline(); return FieldEnd.Record; }
            throw new CsvFormatException(_line, CoreText.Format("Csv.TextAfterQuote", _line));
        }

        while (true)
        {
            if (!Fill()) { list.Add(_field.ToString()); return FieldEnd.Record; }
            // Scan the buffer for the end of the field without copying char by char.
            var span = _buffer.AsSpan(_pos, _len - _pos);
            var stop = span.IndexOfAny(Separator, '\n', '\r');
            if (stop < 0) { _field.Append(span); _pos = _len; continue; }
            _field.Append(span[..stop]);
            _pos += stop;
            var c = _buffer[_pos];
            list.Add(_field.ToString());
            if (c == Separator) { _pos++; return FieldEnd.Separator; }
            SkipNewline();
            return FieldEnd.Record;
        }
    }

    private void SkipNewline()
    {
        if (_buffer[_pos] == '\r')
        {
            _pos++;
            if (Fill() && Peek() == '\n') _pos++;
        }
        else _pos++;
        _line++;
    }

    private char Peek() => _buffer[_pos];

    private bool Fill()
    {
        if (_pos < _len) return true;
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }

    private void Start()
    {
        _started = true;
        if (Fill() && Peek() == '\uFEFF') _pos++;
        if (Separator != '\0') return;
        // Detect from the first line (as far as the buffer holds it).
        var span = _buffer.AsSpan(_pos, _len - _pos);
        var eol = span.IndexOfAny('\n', '\r');
        if (eol >= 0) span = span[..eol];
        Separator = span.Contains(';') || !span.Contains(',') ? ';' : ',';
    }
}

/// <summary>Writes CSV records (semicolon by default), quoting fields that contain the separator, quotes or line breaks.</summary>
public sealed class CsvWriter(TextWriter writer, char separator = ';')
{
    private readonly System.Buffers.SearchValues<char> _special = System.Buffers.SearchValues.Create([separator, '"', '\n', '\r']);

    /// <summary>Writes one record and a CRLF line end.</summary>
    public void WriteRecord(IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(separator);
            var value = fields[i] ?? "";
            if (value.AsSpan().IndexOfAny(_special) >= 0)
            {
                writer.Write('"');
                writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else writer.Write(value);
        }
        writer.Write("\r\n");
    }
}
