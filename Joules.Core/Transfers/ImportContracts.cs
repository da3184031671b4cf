using System.Data.Common;
using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using C = Joules.Core.Transfers.ContractColumns;

namespace Joules.Core.Transfers;

/// <summary>Imports customers and contracts from a CSV file (columns: <see cref="ContractColumns"/>) into the acting
/// user's brand.
/// <para>Every line is validated with the domain rules (the same <see cref="Customer"/> and <see cref="Contract"/>
/// constructors the UI uses) plus file-level checks (tariff and partner codes, duplicate contract numbers in the
/// file and in the brand, duplicate customer e-mails). All errors are collected with line, column and message.</para>
/// <para>All or nothing: if any line is bad nothing is written, the run is stored as failed and an
/// <see cref="ImportFailed"/> event is raised. Otherwise customers, contracts, their first status history rows, the
/// run and one <see cref="ImportCompleted"/> event are written in one transaction.</para>
/// <para>Rows are written with prepared bulk inserts, not through change tracking: no <see cref="ContractCreated"/> or
/// <see cref="CustomerCreated"/> event is stored per row (a 100,000-line file would flood the event handlers);
/// subscribers react to the single <see cref="ImportCompleted"/> event per file instead, and one audit entry
/// is written per run instead of one per row.</para>
/// <para>Existing customers are matched by customer number and are not changed; lines with a new customer number
/// create the customer from the first line that names it.</para></summary>
public sealed class ImportContracts(JoulesDbContext db)
{
    /// <summary>Runs the import.</summary>
    /// <param name="csv">The file (UTF-8, with or without BOM; semicolon or comma separated).</param>
    /// <param name="fileName">Name stored with the run.</param>
    /// <param name="progress">Receives progress while reading and writing.</param>
    /// <param name="triggeredBy">Who started it (defaults to the acting user's name).</param>
    /// <param name="ct">Cancels reading; a cancelled import writes nothing.</param>
    public async Task<TransferResult> RunAsync(Stream csv, string fileName, IProgress<TransferProgress>? progress = null, string? triggeredBy = null, CancellationToken ct = default)
    {
        var brandId = TransferRuns.BrandOf(db);
        var run = TransferRuns.Start(brandId, TransferKind.ContractImport, fileName, triggeredBy, db);
        var errors = new List<TransferError>();
        var table = new CsvTable(csv);
        var rows = new List<(Customer? Customer, Contract Contract)>();
        var lines = 0;
        try
        {
            if (table.ReadHeader(C.Required, errors))
            {
                var lookup = await Lookup.LoadAsync(db, brandId, ct);
                var actor = run.TriggeredBy;
                while (table.TryRead(errors, out var row))
                {
                    lines++;
                    if (Validate(row, brandId, lookup, actor, errors) is { } valid) rows.Add(valid);
                    if (lines % 2000 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        progress?.Report(new TransferProgress(TransferPhase.Reading, lines, 0, table.Fraction));
                    }
                }
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add(new TransferError(e.Line, "", e.Message));
        }
        progress?.Report(new TransferProgress(TransferPhase.Reading, lines, lines, 1));
        if (errors.Count == 0 && lines == 0) errors.Add(new TransferError(1, "", CoreText.Get("Csv.NoRows")));
        if (errors.Count > 0) return await TransferRuns.FailAsync(db, run, lines, errors, ct);

        run.LinesRead = lines;
        await WriteAsync(run, rows, progress, ct);
        progress?.Report(new TransferProgress(TransferPhase.Done, rows.Count, rows.Count, 1));
        return new TransferResult(run.Id, run.Status, lines, rows.Count, []);
    }

    private async Task WriteAsync(TransferRun run, List<(Customer? Customer, Contract Contract)> rows, IProgress<TransferProgress>? progress, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var cache = await SqliteCache.EnlargeAsync(db, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var tx = transaction.GetDbTransaction();
            var newCustomers = 0;
            // Parents before children: customers, then contracts, then their history (batches are flushed per table).
            var done = 0;
            void Step()
            {
                if (++done % 5000 != 0) return;
                ct.ThrowIfCancellationRequested();
                var total = rows.Count * 3;
                progress?.Report(new TransferProgress(TransferPhase.Writing, done / 3, rows.Count, (double)done / total));
            }
            using (var customers = new BulkInserter<Customer>(db, tx))
            {
                foreach (var (customer, _) in rows)
                {
                    if (customer is not null) { customers.Insert(customer); newCustomers++; }
                    Step();
                }
                customers.Flush();
            }
            using (var contracts = new BulkInserter<Contract>(db, tx))
            {
                foreach (var (_, contract) in rows) { contracts.Insert(contract); Step(); }
                contracts.Flush();
            }
            using (var history = new BulkInserter<ContractStatusEvent>(db, tx))
            {
                foreach (var (_, contract) in rows)
                {
                    foreach (var entry in contract.History) history.Insert(entry);
                    Step();
                }
                history.Flush();
            }
            run.Status = TransferStatus.Completed;
            run.FinishedAt = DateTimeOffset.UtcNow;
            run.RowsWritten = rows.Count;
            db.TransferRuns.Add(run);
            db.Publish(new ImportCompleted(run.Id, run.BrandId, run.Kind, run.FileName, rows.Count, run.TriggeredBy));
            db.Audit("Import", nameof(TransferRun), run.Id.ToString(),
                JsonSerializer.Serialize(new { run.FileName, Contracts = rows.Count, Customers = newCustomers }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
    }

    private static (Customer?, Contract)? Validate(CsvRow row, Guid brandId, Lookup lookup, string actor, List<TransferError> errors)
    {
        var before = errors.Count;
        void Error(string column, string message) => errors.Add(new TransferError(row.Line, column, message));

        var number = Text(row, C.ContractNumber, 30, Error, required: true)?.ToUpperInvariant();
        var customerNumber = Text(row, C.CustomerNumber, 30, Error, required: true)?.ToUpperInvariant();
        if (number is not null)
        {
            if (lookup.ExistingContracts.Contains(number)) Error(C.ContractNumber, CoreText.Format("Contract.NumberDuplicate", number));
            else if (!lookup.FileContracts.TryAdd(number, row.Line)) Error(C.ContractNumber, CoreText.Format("Transfer.ContractNumberTwice", number, lookup.FileContracts[number]));
        }

        var type = row[C.CustomerType]?.ToLowerInvariant() switch
        {
            "privat" or "haushalt" or "household" or "private" => CustomerType.Household,
            "gewerbe" or "business" or "geschäftlich" => CustomerType.Business,
            null => Required(C.CustomerType),
            var other => Invalid<CustomerType>(C.CustomerType, "Transfer.CustomerTypeInvalid", other),
        };
        var salutation = row[C.Salutation]?.ToLowerInvariant() switch
        {
            null => Salutation.None,
            "herr" or "mr" => Salutation.Mr,
            "frau" or "ms" or "mrs" => Salutation.Ms,
            "divers" or "diverse" => Salutation.Diverse,
            "firma" or "company" => Salutation.Company,
            var other => Invalid<Salutation>(C.Salutation, "Transfer.SalutationInvalid", other),
        };
        var firstName = Text(row, C.FirstName, 100, Error);
        var lastName = Text(row, C.LastName, 100, Error);
        var company = Text(row, C.Company, 200, Error);
        var birthDate = Date(C.BirthDate);
        var email = Text(row, C.Email, 254, Error);
        var phone = Text(row, C.Phone, 40, Error);
        var address = new Address
        {
            Street = Text(row, C.Street, 150, Error) ?? "",
            HouseNumber = Text(row, C.HouseNumber, 20, Error) ?? "",
            PostalCode = row[C.PostalCode] ?? "",
            City = Text(row, C.City, 100, Error) ?? "",
            Country = row[C.Country]?.ToUpperInvariant() ?? "DE",
        };
        Tariff? tariff = null;
        if (row[C.Tariff] is { } tariffCode && !lookup.Tariffs.TryGetValue(tariffCode.ToUpperInvariant(), out tariff))
            Error(C.Tariff, CoreText.Format("Transfer.TariffUnknown", tariffCode));
        else if (row[C.Tariff] is null) Required(C.Tariff);
        var malo = row[C.MaLoId];
        var meter = Text(row, C.MeterNumber, 40, Error);
        var consumption = 0;
        if (row[C.AnnualConsumption] is null) Required(C.AnnualConsumption);
        else if (CsvValues.Number(row[C.AnnualConsumption], out var ok) is { } kwh && ok && kwh is > 0 and <= int.MaxValue) consumption = (int)Math.Round(kwh);
        else if (!ok) Error(C.AnnualConsumption, CoreText.Format("Transfer.NumberInvalid", row[C.AnnualConsumption]));
        else consumption = -1; // let the domain rule word the range message
        var supplyStart = Date(C.SupplyStart);
        (Guid Id, SalesChannel Channel)? partner = null;
        if (row[C.SalesPartner] is { } partnerNumber)
        {
            if (lookup.Partners.TryGetValue(partnerNumber.ToUpperInvariant(), out var p)) partner = p;
            else Error(C.SalesPartner, CoreText.Format("Transfer.PartnerUnknown", partnerNumber));
        }
        var channel = row[C.Channel]?.ToLowerInvariant() switch
        {
            null => partner?.Channel ?? SalesChannel.BackOffice,
            "online" => SalesChannel.Online,
            "haustür" or "haustuer" or "doortodoor" => SalesChannel.DoorToDoor,
            "telefon" or "phone" => SalesChannel.Phone,
            "shop" => SalesChannel.Shop,
            "vergleichsportal" or "comparisonportal" => SalesChannel.ComparisonPortal,
            "backoffice" or "back office" => SalesChannel.BackOffice,
            var other => Invalid<SalesChannel>(C.Channel, "Transfer.ChannelInvalid", other),
        };
        var ordered = Date(C.OrderDate);

        // Customer: existing (by number), earlier in this file, or new.
        Customer? newCustomer = null;
        Guid customerId = Guid.Empty;
        if (customerNumber is not null)
        {
            if (lookup.ExistingCustomers.TryGetValue(customerNumber, out var existingId)) customerId = existingId;
            else if (lookup.FileCustomers.TryGetValue(customerNumber, out var earlier)) customerId = earlier;
            else
            {
                try
                {
                    newCustomer = new Customer(brandId, customerNumber, type,
                        new CustomerDetails(salutation, firstName, lastName ?? "", company, birthDate, email, phone, address));
                    customerId = newCustomer.Id;
                }
                catch (DomainException e) { Error(TransferRuns.Column(e.Field, C.CustomerNumber), e.Message); }
                if (newCustomer?.NormalizedEmail is { } normalized &&
                    (lookup.ExistingEmails.Contains(normalized) || !lookup.FileEmails.Add(normalized)))
                    Error(C.Email, CoreText.Format("Customer.EmailDuplicate", newCustomer.Email));
            }
        }

        Contract? contract = null;
        if (tariff is not null && consumption != 0)
        {
            try
            {
                contract = new Contract(brandId, number ?? "", customerId, tariff,
                    new ContractDetails(address, malo, meter, consumption, supplyStart), partner?.Id, channel, actor, "import",
                    ordered is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);
            }
            catch (DomainException e)
            {
                var column = TransferRuns.Column(e.Field, C.ContractNumber);
                // Address problems are already reported for the customer when it is new.
                if (newCustomer is not null || !errors.Skip(before).Any(x => x.Field == column && x.Message == e.Message)) Error(column, e.Message);
            }
        }
        if (errors.Count > before || contract is null || customerNumber is null) return null;
        // Per-row ContractCreated/CustomerCreated events are not stored (one ImportCompleted per file instead).
        contract.ClearDomainEvents();
        newCustomer?.ClearDomainEvents();
        if (newCustomer is not null) lookup.FileCustomers[customerNumber] = newCustomer.Id;
        return (newCustomer, contract);

        DateOnly? Date(string column)
        {
            var value = CsvValues.Date(row[column], out var ok);
            if (!ok) Error(column, CoreText.Format("Transfer.DateInvalid", row[column]));
            return value;
        }
        TEnum Invalid<TEnum>(string column, string key, string value) where TEnum : struct
        {
            Error(column, CoreText.Format(key, value));
            return default;
        }
        CustomerType Required(string column)
        {
            Error(column, CoreText.Format("Transfer.Required", column));
            return default;
        }
    }

    private static string? Text(CsvRow row, string column, int max, Action<string, string> error, bool required = false)
    {
        var value = row[column];
        if (value is null && required) error(column, CoreText.Format("Transfer.Required", column));
        if (value?.Length > max) { error(column, CoreText.Format("Transfer.TooLong", max)); return null; }
        return value;
    }

    /// <summary>What the brand already has, loaded once per file.</summary>
    private sealed class Lookup
    {
        public required Dictionary<string, Tariff> Tariffs { get; init; }
        public required Dictionary<string, (Guid Id, SalesChannel Channel)> Partners { get; init; }
        public required HashSet<string> ExistingContracts { get; init; }
        public required Dictionary<string, Guid> ExistingCustomers { get; init; }
        public required HashSet<string> ExistingEmails { get; init; }
        public Dictionary<string, int> FileContracts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, Guid> FileCustomers { get; } = new(StringComparer.Ordinal);
        public HashSet<string> FileEmails { get; } = new(StringComparer.Ordinal);

        public static async Task<Lookup> LoadAsync(JoulesDbContext db, Guid brandId, CancellationToken ct)
        {
            // Checks are against the whole brand, not only the rows the acting user may see.
            var tariffs = await db.Tariffs.IgnoreQueryFilters().AsNoTracking().Where(t => t.BrandId == brandId).ToListAsync(ct);
            var partners = await db.SalesPartners.IgnoreQueryFilters().Where(p => p.BrandId == brandId)
                .Select(p => new { p.PartnerNumber, p.Id, p.Channel }).ToListAsync(ct);
            var contracts = await db.Contracts.IgnoreQueryFilters().Where(c => c.BrandId == brandId).Select(c => c.ContractNumber).ToListAsync(ct);
            var customers = await db.Customers.IgnoreQueryFilters().Where(c => c.BrandId == brandId)
                .Select(c => new { c.CustomerNumber, c.Id, c.NormalizedEmail }).ToListAsync(ct);
            return new Lookup
            {
                Tariffs = tariffs.ToDictionary(t => t.Code.ToUpperInvariant()),
                Partners = partners.GroupBy(p => p.PartnerNumber.ToUpperInvariant()).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Channel)),
                ExistingContracts = contracts.Select(n => n.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal),
                ExistingCustomers = customers.GroupBy(c => c.CustomerNumber.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First().Id),
                ExistingEmails = customers.Where(c => c.NormalizedEmail != null).Select(c => c.NormalizedEmail!).ToHashSet(StringComparer.Ordinal),
            };
        }
    }
}
