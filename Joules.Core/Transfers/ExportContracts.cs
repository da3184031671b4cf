using System.Text;
using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Events;
using Microsoft.EntityFrameworkCore;
using C = Joules.Core.Transfers.ContractColumns;

namespace Joules.Core.Transfers;

/// <summary>Exports the acting user's brand's contracts for the billing system as CSV: the import columns
/// (<see cref="ContractColumns.All"/>) plus <see cref="ContractColumns.Status"/>, semicolon separated, UTF-8 with BOM,
/// dates dd.MM.yyyy. Rows are streamed from the database to the output, never held in memory as a whole.
/// Stores a <see cref="TransferRun"/>, an audit entry and an <see cref="ExportCompleted"/> event.</summary>
public sealed class ExportContracts(JoulesDbContext db)
{
    /// <summary>Statuses exported when none are chosen: Confirmed through InSupply.</summary>
    public static IReadOnlyList<ContractStatus> DefaultStatuses { get; } =
        Enum.GetValues<ContractStatus>().Where(s => s is >= ContractStatus.Confirmed and <= ContractStatus.InSupply).ToList();

    /// <summary>Writes the file to <paramref name="output"/> (left open).</summary>
    /// <param name="output">Where the CSV goes.</param>
    /// <param name="fileName">Name stored with the run.</param>
    /// <param name="statuses">Statuses to export; null or empty means <see cref="DefaultStatuses"/>.</param>
    /// <param name="progress">Receives the number of rows written.</param>
    /// <param name="triggeredBy">Who started it (defaults to the acting user's name).</param>
    /// <param name="ct">Cancels the export.</param>
    public async Task<TransferResult> RunAsync(Stream output, string fileName, IReadOnlyCollection<ContractStatus>? statuses = null,
        IProgress<TransferProgress>? progress = null, string? triggeredBy = null, CancellationToken ct = default)
    {
        var brandId = TransferRuns.BrandOf(db);
        var run = TransferRuns.Start(brandId, TransferKind.ContractExport, fileName, triggeredBy, db);
        var chosen = statuses is { Count: > 0 } ? statuses.ToList() : DefaultStatuses.ToList();
        var total = await db.Contracts.IgnoreQueryFilters().CountAsync(c => c.BrandId == brandId && chosen.Contains(c.Status), ct);

        var query =
            from c in db.Contracts.IgnoreQueryFilters().AsNoTracking()
            where c.BrandId == brandId && chosen.Contains(c.Status)
            join k in db.Customers.IgnoreQueryFilters() on c.CustomerId equals k.Id
            join t in db.Tariffs.IgnoreQueryFilters() on c.TariffId equals t.Id
            join p in db.SalesPartners.IgnoreQueryFilters() on c.SalesPartnerId equals p.Id into partners
            from p in partners.DefaultIfEmpty()
            orderby c.ContractNumber
            select new
            {
                c.ContractNumber, k.CustomerNumber, k.Type, k.Salutation, k.FirstName, k.LastName, k.CompanyName, k.BirthDate, k.Email, k.Phone,
                c.DeliveryAddress.Street, c.DeliveryAddress.HouseNumber, c.DeliveryAddress.PostalCode, c.DeliveryAddress.City, c.DeliveryAddress.Country,
                TariffCode = t.Code, c.MaLoId, c.MeterNumber, c.AnnualConsumptionKwh, c.SupplyStart,
                PartnerNumber = p == null ? null : p.PartnerNumber, c.Channel, c.OrderedAt, c.Status,
            };

        var rows = 0;
        await using (var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true))
        {
            var csv = new CsvWriter(text);
            csv.WriteRecord([.. C.All, C.Status]);
            var fields = new string?[C.All.Count + 1];
            await foreach (var r in query.AsAsyncEnumerable().WithCancellation(ct))
            {
                fields[0] = r.ContractNumber; fields[1] = r.CustomerNumber; fields[2] = r.Type == CustomerType.Business ? "Gewerbe" : "Privat";
                fields[3] = Salutation(r.Salutation); fields[4] = r.FirstName; fields[5] = r.LastName; fields[6] = r.CompanyName;
                fields[7] = CsvValues.Format(r.BirthDate); fields[8] = r.Email; fields[9] = r.Phone;
                fields[10] = r.Street; fields[11] = r.HouseNumber; fields[12] = r.PostalCode; fields[13] = r.City; fields[14] = r.Country;
                fields[15] = r.TariffCode; fields[16] = r.MaLoId; fields[17] = r.MeterNumber;
                fields[18] = r.AnnualConsumptionKwh.ToString(System.Globalization.CultureInfo.InvariantCulture);
                fields[19] = CsvValues.Format(r.SupplyStart); fields[20] = r.PartnerNumber; fields[21] = Channel(r.Channel);
                fields[22] = CsvValues.Format(DateOnly.FromDateTime(r.OrderedAt.UtcDateTime)); fields[23] = r.Status.ToString();
                csv.WriteRecord(fields);
                if (++rows % 2000 == 0) progress?.Report(new TransferProgress(TransferPhase.Writing, rows, total, total == 0 ? 1 : Math.Min(1, (double)rows / total)));
            }
        }

        run.Status = TransferStatus.Completed;
        run.FinishedAt = DateTimeOffset.UtcNow;
        run.LinesRead = rows;
        run.RowsWritten = rows;
        db.TransferRuns.Add(run);
        db.Publish(new ExportCompleted(run.Id, run.BrandId, run.Kind, run.FileName, rows, run.TriggeredBy));
        db.Audit("Export", nameof(TransferRun), run.Id.ToString(), JsonSerializer.Serialize(new { run.FileName, Contracts = rows, Statuses = chosen.Select(s => s.ToString()) }));
        await db.SaveChangesAsync(ct);
        progress?.Report(new TransferProgress(TransferPhase.Done, rows, rows, 1));
        return new TransferResult(run.Id, run.Status, rows, rows, []);
    }

    private static string Salutation(Salutation s) => s switch
    {
        Domain.Customers.Salutation.Mr => "Herr",
        Domain.Customers.Salutation.Ms => "Frau",
        Domain.Customers.Salutation.Diverse => "Divers",
        Domain.Customers.Salutation.Company => "Firma",
        _ => "",
    };

    private static string Channel(SalesChannel c) => c switch
    {
        SalesChannel.Online => "Online",
        SalesChannel.DoorToDoor => "Haustür",
        SalesChannel.Phone => "Telefon",
        SalesChannel.Shop => "Shop",
        SalesChannel.ComparisonPortal => "Vergleichsportal",
        _ => "Backoffice",
    };
}
