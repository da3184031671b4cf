using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Imports;
using Joules.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using M = Joules.Core.Transfers.MeterReadingColumns;

namespace Joules.Core.Transfers;

/// <summary>Imports meter readings and measured consumptions from the billing system (columns:
/// <see cref="MeterReadingColumns"/>) into the acting user's brand. A line names its contract by contract number
/// or, failing that, by MaLo-ID (the most recently ordered contract with that MaLo-ID).
/// <para>All or nothing, like <see cref="ImportContracts"/>: every bad line is reported with line, column and
/// message and nothing is written; otherwise all readings, the run, one audit entry and one
/// <see cref="ImportCompleted"/> event are written in one transaction.</para></summary>
public sealed class ImportMeterReadings(JoulesDbContext db)
{
    /// <summary>Runs the import.</summary>
    /// <param name="csv">The file (UTF-8, with or without BOM; semicolon or comma separated).</param>
    /// <param name="fileName">Name stored with the run and as the readings' source.</param>
    /// <param name="progress">Receives progress while reading and writing.</param>
    /// <param name="triggeredBy">Who started it (defaults to the acting user's name).</param>
    /// <param name="ct">Cancels reading; a cancelled import writes nothing.</param>
    public async Task<TransferResult> RunAsync(Stream csv, string fileName, IProgress<TransferProgress>? progress = null, string? triggeredBy = null, CancellationToken ct = default)
    {
        var brandId = TransferRuns.BrandOf(db);
        var run = TransferRuns.Start(brandId, TransferKind.MeterReadingImport, fileName, triggeredBy, db);
        var errors = new List<TransferError>();
        var table = new CsvTable(csv);
        var readings = new List<MeterReading>();
        var lines = 0;
        try
        {
            if (table.ReadHeader([M.ReadOn], errors))
            {
                if (!table.Has(M.ContractNumber) && !table.Has(M.MaLoId))
                    errors.Add(new TransferError(1, M.ContractNumber, CoreText.Format("Csv.ColumnMissing", M.ContractNumber + " / " + M.MaLoId)));
                else
                {
                    var contracts = await db.Contracts.IgnoreQueryFilters().Where(c => c.BrandId == brandId)
                        .Select(c => new { c.Id, c.ContractNumber, c.MaLoId, c.OrderedAt }).ToListAsync(ct);
                    var byNumber = contracts.ToDictionary(c => c.ContractNumber.ToUpperInvariant(), c => c.Id, StringComparer.Ordinal);
                    var byMalo = contracts.Where(c => c.MaLoId != null).GroupBy(c => c.MaLoId!)
                        .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.OrderedAt.UtcTicks).First().Id, StringComparer.Ordinal);
                    var source = "import:" + run.FileName;
                    if (source.Length > 100) source = source[..100];
                    while (table.TryRead(errors, out var row))
                    {
                        lines++;
                        if (Validate(row, brandId, byNumber, byMalo, source, errors) is { } reading) readings.Add(reading);
                        if (lines % 2000 == 0)
                        {
                            ct.ThrowIfCancellationRequested();
                            progress?.Report(new TransferProgress(TransferPhase.Reading, lines, 0, table.Fraction));
                        }
                    }
                }
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new TransferError(e.Line, "", e.Message));
        }
        if (errors.Count == 0 && lines == 0) errors.Add(new TransferError(1, "", CoreText.Get("Csv.NoRows")));
        if (errors.Count > 0) return await TransferRuns.FailAsync(db, run, lines, errors, ct);

        run.LinesRead = lines;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var cache = await SqliteCache.EnlargeAsync(db, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            using (var insert = new BulkInserter<MeterReading>(db, transaction.GetDbTransaction()))
            {
                for (var i = 0; i < readings.Count; i++)
                {
                    insert.Insert(readings[i]);
                    if (i % 2000 == 1999) progress?.Report(new TransferProgress(TransferPhase.Writing, i + 1, readings.Count, (double)(i + 1) / readings.Count));
                }
                insert.Flush();
            }
            run.Status = TransferStatus.Completed;
            run.FinishedAt = DateTimeOffset.UtcNow;
            run.RowsWritten = readings.Count;
            db.TransferRuns.Add(run);
            db.Publish(new ImportCompleted(run.Id, run.BrandId, run.Kind, run.FileName, readings.Count, run.TriggeredBy));
            db.Audit("Import", nameof(TransferRun), run.Id.ToString(), JsonSerializer.Serialize(new { run.FileName, MeterReadings = readings.Count }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        progress?.Report(new TransferProgress(TransferPhase.Done, readings.Count, readings.Count, 1));
        return new TransferResult(run.Id, run.Status, lines, readings.Count, []);
    }

    private static MeterReading? Validate(CsvRow row, Guid brandId, Dictionary<string, Guid> byNumber, Dictionary<string, Guid> byMalo, string source, List<TransferError> errors)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add(new TransferError(row.Line, column, message));

        Guid? contractId = null;
        if (row[M.ContractNumber] is { } number)
        {
            if (byNumber.TryGetValue(number.ToUpperInvariant(), out var id)) contractId = id;
            else Error(M.ContractNumber, CoreText.Format("Transfer.ContractUnknown", number));
        }
        else if (row[M.MaLoId] is { } malo)
        {
            if (byMalo.TryGetValue(malo, out var id)) contractId = id;
            else Error(M.MaLoId, CoreText.Format("Transfer.MaLoUnknown", malo));
        }
        else Error(M.ContractNumber, CoreText.Get("Transfer.ContractOrMaLoRequired"));

        var readOn = Date(M.ReadOn);
        if (readOn is null && row[M.ReadOn] is null) Error(M.ReadOn, CoreText.Format("Transfer.Required", M.ReadOn));
        var reading = Number(M.Reading);
        var periodStart = Date(M.PeriodStart);
        var consumption = Number(M.Consumption);
        if (errors.Count > before || contractId is null || readOn is null) return null;
        try
        {
            return new MeterReading(brandId, contractId.Value, readOn.Value, reading, periodStart, consumption, source);
        }
        catch (DomainException e)
        {
            Error(TransferRuns.Column(e.Field, M.Reading), e.Message);
            return null;
        }

        DateOnly? Date(string column)
        {
            var value = CsvValues.Date(row[column], out var ok);
            if (!ok) Error(column, CoreText.Format("Transfer.DateInvalid", row[column]));
            return value;
        }
        decimal? Number(string column)
        {
            var value = CsvValues.Number(row[column], out var ok);
            if (!ok) Error(column, CoreText.Format("Transfer.NumberInvalid", row[column]));
            return value;
        }
    }
}
