using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Imports;
using Joules.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Transfers;

/// <summary>Runs imports and exports for the acting user of the scope (UI, schedules).</summary>
public sealed class TransferService(IDbContextFactory<JoulesDbContext> dbFactory, TransferFolders folders)
{
    /// <summary>Imports a file of the given kind.</summary>
    public async Task<TransferResult> ImportAsync(TransferKind kind, Stream csv, string fileName, IProgress<TransferProgress>? progress = null, string? triggeredBy = null, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return kind switch
        {
            TransferKind.ContractImport => await new ImportContracts(db).RunAsync(csv, fileName, progress, triggeredBy, ct),
            TransferKind.MeterReadingImport => await new ImportMeterReadings(db).RunAsync(csv, fileName, progress, triggeredBy, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Exports contracts to <paramref name="path"/>, or, without a path, to the download folder
    /// (<see cref="TransferFolders.ExportFile"/>).</summary>
    public async Task<TransferResult> ExportAsync(IReadOnlyCollection<ContractStatus>? statuses, string? path = null, IProgress<TransferProgress>? progress = null, string? triggeredBy = null, CancellationToken ct = default)
    {
        var fileName = path is null ? $"vertraege-{DateTime.Now:yyyyMMdd-HHmmss}.csv" : Path.GetFileName(path);
        var temp = Path.Combine(folders.Uploads, Guid.NewGuid().ToString("N") + ".part");
        TransferResult result;
        try
        {
            await using (var file = File.Create(temp))
            {
                await using var db = dbFactory.CreateDbContext();
                result = await new ExportContracts(db).RunAsync(file, fileName, statuses, progress, triggeredBy, ct);
            }
            File.Move(temp, path ?? folders.ExportFile(result.RunId), overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return result;
    }
}
