using System.Text;
using Joules.Core.Data;
using Joules.Core.Domain.Imports;
using Joules.Core.Tenancy;
using Joules.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Host.Features.Transfers;

/// <summary>Runs one transfer schedule as the system for the schedule's brand. An import reads every *.csv of its
/// folder and moves each file to processed/ or, with a &lt;name&gt;.errors.txt listing the line errors, to failed/.
/// An export writes a timestamped file into its folder.</summary>
public sealed class ScheduleRunner(IServiceProvider services, TransferFolders folders, ILogger<ScheduleRunner> logger)
{
    /// <summary>Runs the schedule in a new scope; returns the results of the files handled.</summary>
    public async Task<IReadOnlyList<TransferResult>> RunAsync(Guid scheduleId, CancellationToken ct = default)
    {
        TransferSchedule? schedule;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:schedule");
            var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
            schedule = await db.TransferSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
        }
        if (schedule is null) return [];

        await using var work = services.CreateAsyncScope();
        work.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:schedule", schedule.BrandId);
        var transfers = work.ServiceProvider.GetRequiredService<TransferService>();
        var folder = folders.Resolve(schedule.Folder);
        var triggeredBy = ("schedule:" + schedule.Name) is { Length: > 100 } t ? t[..100] : "schedule:" + schedule.Name;
        var results = new List<TransferResult>();
        if (schedule.Kind == TransferKind.ContractExport)
        {
            var path = Path.Combine(folder, $"vertraege-{DateTime.Now:yyyyMMdd-HHmmss}.csv");
            results.Add(await transfers.ExportAsync(null, path, triggeredBy: triggeredBy, ct: ct));
        }
        else
        {
            foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
            {
                TransferResult result;
                await using (var stream = File.OpenRead(file))
                    result = await transfers.ImportAsync(schedule.Kind, stream, Path.GetFileName(file), triggeredBy: triggeredBy, ct: ct);
                var target = Directory.CreateDirectory(Path.Combine(folder, result.Succeeded ? "processed" : "failed")).FullName;
                var moved = Path.Combine(target, Path.GetFileName(file));
                File.Move(file, moved, overwrite: true);
                if (!result.Succeeded)
                {
                    var text = new StringBuilder();
                    foreach (var e in result.Errors) text.Append("Zeile ").Append(e.Line).Append(string.IsNullOrEmpty(e.Field) ? "" : ", " + e.Field).Append(": ").AppendLine(e.Message);
                    await File.WriteAllTextAsync(moved + ".errors.txt", text.ToString(), new UTF8Encoding(true), ct);
                }
                logger.LogInformation("Scheduled import {Schedule}: {File} {Status} ({Rows} rows, {Errors} errors)", schedule.Name, file, result.Status, result.RowsWritten, result.Errors.Count);
                results.Add(result);
            }
        }

        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:schedule", schedule.BrandId);
            var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
            var stored = await db.TransferSchedules.SingleAsync(s => s.Id == scheduleId, ct);
            stored.LastRunAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(ct);
        }
        return results;
    }
}
