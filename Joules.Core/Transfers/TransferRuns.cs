using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Imports;
using Joules.Core.Events;
using Joules.Core.Tenancy;

namespace Joules.Core.Transfers;

/// <summary>Shared bookkeeping of import runs: the brand to import into, and the stored failed run.</summary>
internal static class TransferRuns
{
    /// <summary>The acting user's brand; imports and exports always work in one brand.</summary>
    public static Guid BrandOf(JoulesDbContext db) =>
        db.User.BrandId is { } brand && brand != Guid.Empty ? brand : throw new TenantAccessException(CoreText.Get("Tenant.BrandRequired"));

    public static TransferRun Start(Guid brandId, TransferKind kind, string fileName, string? triggeredBy, JoulesDbContext db) => new()
    {
        BrandId = brandId, Kind = kind, FileName = Path.GetFileName(fileName), Status = TransferStatus.Running,
        TriggeredBy = triggeredBy ?? db.User.UserName, StartedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Stores the run as failed with its first 1,000 errors and an <see cref="ImportFailed"/> event.</summary>
    public static async Task<TransferResult> FailAsync(JoulesDbContext db, TransferRun run, int lines, List<TransferError> errors, CancellationToken ct)
    {
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        run.Status = TransferStatus.Failed;
        run.FinishedAt = DateTimeOffset.UtcNow;
        run.LinesRead = lines;
        run.ErrorCount = errors.Count;
        run.ErrorsJson = TransferError.ToJson(errors);
        db.TransferRuns.Add(run);
        var first = errors[0];
        db.Publish(new ImportFailed(run.Id, run.BrandId, run.Kind, run.FileName, errors.Count,
            CoreText.Format("Transfer.ErrorLine", first.Line, first.Field, first.Message), run.TriggeredBy));
        await db.SaveChangesAsync(ct);
        return new TransferResult(run.Id, run.Status, lines, 0, errors);
    }

    /// <summary>Maps a domain field name (DomainException.Field) to the CSV column it came from.</summary>
    public static string Column(string? field, string fallback) => (field?.Split('.').Last()) switch
    {
        "MaLoId" => ContractColumns.MaLoId,
        "AnnualConsumptionKwh" => ContractColumns.AnnualConsumption,
        "SupplyEnd" or "SupplyStart" => ContractColumns.SupplyStart,
        "LastName" => ContractColumns.LastName,
        "FirstName" => ContractColumns.FirstName,
        "CompanyName" => ContractColumns.Company,
        "BirthDate" => ContractColumns.BirthDate,
        "Email" => ContractColumns.Email,
        "Street" => ContractColumns.Street,
        "HouseNumber" => ContractColumns.HouseNumber,
        "PostalCode" => ContractColumns.PostalCode,
        "City" => ContractColumns.City,
        "Country" => ContractColumns.Country,
        "TariffId" => ContractColumns.Tariff,
        "ReadingKwh" => MeterReadingColumns.Reading,
        "PeriodStart" => MeterReadingColumns.PeriodStart,
        _ => fallback,
    };
}
