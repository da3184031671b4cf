using System.Text.Json;
using System.Text.Json.Serialization;
using Joules.Core.Domain.Imports;

namespace Joules.Core.Transfers;

/// <summary>One problem in a file: physical line (1-based), column header and a German (or English) message.</summary>
public sealed record TransferError(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The first <paramref name="max"/> errors as the JSON stored in <see cref="TransferRun.ErrorsJson"/>.</summary>
    public static string ToJson(IEnumerable<TransferError> errors, int max = 1000) => JsonSerializer.Serialize(errors.Take(max).ToList());

    /// <summary>Reads errors stored with <see cref="ToJson"/>.</summary>
    public static IReadOnlyList<TransferError> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<TransferError>>(json) ?? [];
}

/// <summary>Phase of a running transfer.</summary>
public enum TransferPhase { Reading = 0, Writing = 1, Done = 2 }

/// <summary>Progress of a transfer: <see cref="Done"/> of <see cref="Total"/> (lines while reading, rows while
/// writing; total 0 when unknown). <see cref="Fraction"/> is 0…1 for a progress bar.</summary>
public sealed record TransferProgress(TransferPhase Phase, int Done, int Total, double Fraction);

/// <summary>Outcome of an import or export run.</summary>
/// <param name="RunId">The stored <see cref="TransferRun"/>.</param>
/// <param name="Status">Completed or Failed.</param>
/// <param name="LinesRead">Data lines read (without the header).</param>
/// <param name="RowsWritten">Rows imported or exported (0 on failure: imports are all-or-nothing).</param>
/// <param name="Errors">Every error found, in file order.</param>
public sealed record TransferResult(Guid RunId, TransferStatus Status, int LinesRead, int RowsWritten, IReadOnlyList<TransferError> Errors)
{
    public bool Succeeded => Status == TransferStatus.Completed;
}
