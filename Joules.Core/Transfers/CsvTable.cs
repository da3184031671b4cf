using System.Text;
using Joules.Core.Domain.Common;

namespace Joules.Core.Transfers;

/// <summary>A CSV file with a header row: maps column names to positions, reports missing required columns and
/// wrong field counts as <see cref="TransferError"/>s, and yields data rows with their physical line.</summary>
internal sealed class CsvTable
{
    private readonly CsvReader _reader;
    private readonly Stream _stream;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private int _width;

    public CsvTable(Stream stream)
    {
        _stream = stream;
        _reader = new CsvReader(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024));
    }

    /// <summary>Read fraction of the stream, if its length is known.</summary>
    public double Fraction => _stream.CanSeek && _stream.Length > 0 ? Math.Min(1, (double)_stream.Position / _stream.Length) : 0;

    /// <summary>Reads the header; adds an error per missing required column and returns false if any is missing.</summary>
    public bool ReadHeader(IEnumerable<string> required, List<TransferError> errors)
    {
        if (!_reader.TryRead(out var line, out var header))
        {
            errors.Add(new TransferError(1, "", CoreText.Get("Csv.Empty")));
            return false;
        }
        _width = header.Length;
        for (var i = 0; i < header.Length; i++) _index.TryAdd(header[i].Trim(), i);
        var ok = true;
        foreach (var column in required.Where(c => !_index.ContainsKey(c)))
        {
            errors.Add(new TransferError(line, column, CoreText.Format("Csv.ColumnMissing", column)));
            ok = false;
        }
        return ok;
    }

    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>Reads the next data row; rows with the wrong number of fields are reported and skipped.</summary>
    public bool TryRead(List<TransferError> errors, out CsvRow row)
    {
        while (_reader.TryRead(out var line, out var fields))
        {
            if (fields.Length != _width)
            {
                errors.Add(new TransferError(line, "", CoreText.Format("Csv.FieldCount", fields.Length, _width)));
                continue;
            }
            row = new CsvRow(this, line, fields);
            return true;
        }
        row = default;
        return false;
    }

    internal string? Get(string[] fields, string column) =>
        _index.TryGetValue(column, out var i) && fields[i].Trim() is { Length: > 0 } value ? value : null;
}

/// <summary>One data row of a <see cref="CsvTable"/>.</summary>
internal readonly struct CsvRow(CsvTable table, int line, string[] fields)
{
    public int Line { get; } = line;

    /// <summary>The trimmed value of <paramref name="column"/>, or null if empty or the column is absent.</summary>
    public string? this[string column] => table.Get(fields, column);
}
