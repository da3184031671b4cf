using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Imports;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Tenancy;
using Joules.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Transfers;

public class ImportContractsTests
{
    [Fact]
    public async Task Good_file_imports_every_row_and_reads_back_through_EF()
    {
        await using var f = await TransferFixture.CreateAsync();
        var csv = string.Join("\r\n",
            TransferFixture.Header,
            TransferFixture.Line(1),
            // Business customer with separator, doubled quotes and a line break inside quoted fields; ISO dates; comma decimal.
            "V-2;K-2;Gewerbe;Firma;;Schmidt;\"Müller; Söhne \"\"GmbH\"\"\";;info@mueller.de;;\"Am Markt\nHinterhaus\";7a;1010;Wien;AT;gas-12;;;\"12345,6\";2027-02-01;;Telefon;2026-11-21",
            // Second contract of customer K-1 (same file): the customer is created once.
            TransferFixture.Line(3).Replace("K-3;", "K-1;"),
            "");

        var result = await f.ImportAsync(csv, bom: true);

        result.Errors.ShouldBeEmpty();
        result.Status.ShouldBe(TransferStatus.Completed);
        result.RowsWritten.ShouldBe(3);
        await using var db = f.Context();
        (await db.Contracts.CountAsync()).ShouldBe(3);
        (await db.Customers.CountAsync()).ShouldBe(2);

        var first = await db.Contracts.Include(c => c.History).SingleAsync(c => c.ContractNumber == "V-1");
        first.MaLoId.ShouldBe(MaLoId.Complete("5000000001"));
        first.MeterNumber.ShouldBe("Z-1");
        first.AnnualConsumptionKwh.ShouldBe(3500);
        first.SupplyStart.ShouldBe(new DateOnly(2027, 1, 1));
        first.TermEnd.ShouldBe(new DateOnly(2027, 12, 31));
        first.OrderedAt.ShouldBe(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero));
        first.Status.ShouldBe(ContractStatus.Captured);
        first.SalesPartnerId.ShouldBe(f.Partner.Id);
        first.Channel.ShouldBe(SalesChannel.DoorToDoor);
        first.BrandId.ShouldBe(f.Brand.Id);
        first.DeliveryAddress.ShouldBe(new Joules.Core.Domain.Common.Address { Street = "Hauptstraße", HouseNumber = "1", PostalCode = "79100", City = "Sonnental", Country = "DE" });
        var history = first.History.ShouldHaveSingleItem();
        history.From.ShouldBeNull();
        history.To.ShouldBe(ContractStatus.Captured);
        history.Source.ShouldBe("import");

        var erika = await db.Customers.SingleAsync(c => c.CustomerNumber == "K-1");
        (erika.FirstName, erika.LastName, erika.Salutation, erika.BirthDate, erika.Email, erika.NormalizedEmail)
            .ShouldBe(("Erika", "Muster1", Salutation.Ms, new DateOnly(1980, 5, 17), "erika1@example.de", "ERIKA1@EXAMPLE.DE"));
        (await db.Contracts.CountAsync(c => c.CustomerId == erika.Id)).ShouldBe(2);

        var business = await db.Customers.SingleAsync(c => c.CustomerNumber == "K-2");
        business.Type.ShouldBe(CustomerType.Business);
        business.CompanyName.ShouldBe("Müller; Söhne \"GmbH\"");
        business.PostalAddress.Street.ShouldBe("Am Markt\nHinterhaus");
        business.PostalAddress.Country.ShouldBe("AT");
        var gas = await db.Contracts.SingleAsync(c => c.ContractNumber == "V-2");
        (gas.Commodity, gas.AnnualConsumptionKwh, gas.SupplyStart, gas.Channel, gas.SalesPartnerId, gas.MaLoId)
            .ShouldBe((Joules.Core.Domain.Tariffs.Commodity.Gas, 12346, new DateOnly(2027, 2, 1), SalesChannel.Phone, (Guid?)null, (string?)null));

        var run = await db.TransferRuns.SingleAsync();
        (run.Status, run.LinesRead, run.RowsWritten, run.Kind, run.FileName).ShouldBe((TransferStatus.Completed, 3, 3, TransferKind.ContractImport, "vertraege.csv"));
        var events = await db.DomainEvents.Select(e => e.Type).ToListAsync();
        events.Count(t => t.Contains("ImportCompleted")).ShouldBe(1);
        events.ShouldNotContain(t => t.Contains("ContractCreated") || t.Contains("CustomerCreated"));
        (await db.AuditEntries.CountAsync(a => a.Action == "Import")).ShouldBe(1);
        (await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Contract))).ShouldBe(0);
    }

    [Fact]
    public async Task Comma_separated_file_without_BOM_is_accepted()
    {
        await using var f = await TransferFixture.CreateAsync();
        var csv = TransferFixture.Header.Replace(';', ',') + "\n" + TransferFixture.Line(1).Replace("3.500,0", "3500").Replace(';', ',') + "\n";

        var result = await f.ImportAsync(csv);

        result.Errors.ShouldBeEmpty();
        await using var db = f.Context();
        (await db.Contracts.SingleAsync()).AnnualConsumptionKwh.ShouldBe(3500);
    }

    [Fact]
    public async Task Reports_every_bad_line_with_line_column_and_reason_and_saves_nothing()
    {
        await using var f = await TransferFixture.CreateAsync();
        await using (var seed = f.Context()) await Infrastructure.TestData.AddContractAsync(seed, f.Brand.Id, "V-EXISTING");
        int contractsBefore, customersBefore, historyBefore;
        await using (var db = f.Context())
        {
            contractsBefore = await db.Contracts.CountAsync();
            customersBefore = await db.Customers.CountAsync();
            historyBefore = await db.ContractStatusEvents.CountAsync();
        }
        var csv = string.Join("\n",
            TransferFixture.Header,                                       // line 1
            TransferFixture.Line(1).Replace("Hauptstraße", "\"Haupt\nstraße\""), // lines 2-3 (valid, two physical lines)
            TransferFixture.Line(2, malo: "12345678901"),                 // line 4: bad MaLo-ID
            TransferFixture.Line(3, postalCode: "7910"),                  // line 5: bad PLZ
            TransferFixture.Line(4, email: "kein-mail"),                  // line 6: bad e-mail
            TransferFixture.Line(5, tariff: "UNBEKANNT"),                 // line 7: unknown tariff
            TransferFixture.Line(6, number: "V-1"),                       // line 8: duplicate in file
            TransferFixture.Line(7, number: "V-EXISTING"),                // line 9: already in the brand
            TransferFixture.Line(8, email: "erika1@example.de"),          // line 10: e-mail of another customer in the file
            TransferFixture.Line(9).Replace("P-100", "P-999"),            // line 11: unknown partner
            TransferFixture.Line(10).Replace("17.05.1980", "31.02.1980"), // line 12: bad date
            TransferFixture.Line(11));                                    // line 13: fine

        var result = await f.ImportAsync(csv);

        result.Status.ShouldBe(TransferStatus.Failed);
        result.RowsWritten.ShouldBe(0);
        result.Errors.Select(e => (e.Line, e.Field)).ShouldBe(
        [
            (4, "MaLo-ID"), (5, "PLZ"), (6, "E-Mail"), (7, "Tarif"), (8, "Vertragsnummer"), (9, "Vertragsnummer"),
            (10, "E-Mail"), (11, "Vertriebspartner"), (12, "Geburtsdatum"),
        ]);
        result.Errors[0].Message.ShouldContain("12345678901");
        result.Errors[1].Message.ShouldContain("Postleitzahl");
        result.Errors[3].Message.ShouldContain("UNBEKANNT");
        result.Errors[4].Message.ShouldContain("Zeile 2");
        result.Errors[5].Message.ShouldContain("bereits vergeben");

        await using var after = f.Context();
        (await after.Contracts.CountAsync()).ShouldBe(contractsBefore);
        (await after.Customers.CountAsync()).ShouldBe(customersBefore);
        (await after.ContractStatusEvents.CountAsync()).ShouldBe(historyBefore);
        var run = await after.TransferRuns.SingleAsync();
        (run.Status, run.ErrorCount, run.LinesRead, run.RowsWritten).ShouldBe((TransferStatus.Failed, 9, 11, 0));
        TransferError.FromJson(run.ErrorsJson).Select(e => e.Line).ShouldBe([4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var failed = await after.DomainEvents.Where(e => e.Type.Contains("ImportFailed")).ToListAsync();
        failed.ShouldHaveSingleItem().Payload.ShouldContain("\"ErrorCount\":9");
        (await after.DomainEvents.CountAsync(e => e.Type.Contains("ImportCompleted"))).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_line_after_thousands_of_good_ones_rolls_back_the_rows_already_written()
    {
        await using var f = await TransferFixture.CreateAsync();
        var lines = Enumerable.Range(1, 3000).Select(n => TransferFixture.Line(n)).ToList();
        lines[2500] = TransferFixture.Line(2501, postalCode: "7910"); // line 2502
        lines[2800] = TransferFixture.Line(2801, number: "V-5");       // line 2802
        var csv = string.Join("\n", [TransferFixture.Header, .. lines]);

        var result = await f.ImportAsync(csv);

        result.Status.ShouldBe(TransferStatus.Failed);
        result.Errors.Select(e => (e.Line, e.Field)).ShouldBe([(2502, "PLZ"), (2802, "Vertragsnummer")]);
        await using var db = f.Context();
        (await db.Contracts.CountAsync()).ShouldBe(0);
        (await db.Customers.CountAsync()).ShouldBe(0);
        (await db.ContractStatusEvents.CountAsync()).ShouldBe(0);
        (await db.TransferRuns.SingleAsync()).Status.ShouldBe(TransferStatus.Failed);
        (await db.AuditEntries.CountAsync(a => a.Action == "Import")).ShouldBe(0);
    }

    [Fact]
    public async Task Cancelled_import_writes_nothing()
    {
        await using var f = await TransferFixture.CreateAsync();
        var csv = string.Join("\n", [TransferFixture.Header, .. Enumerable.Range(1, 6000).Select(n => TransferFixture.Line(n))]);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOnFirstReport(cancel);

        await using (var db = f.Context())
            await Should.ThrowAsync<OperationCanceledException>(() => new ImportContracts(db).RunAsync(TransferFixture.Csv(csv), "vertraege.csv", progress, ct: cancel.Token));

        await using var after = f.Context();
        (await after.Contracts.CountAsync()).ShouldBe(0);
        (await after.Customers.CountAsync()).ShouldBe(0);
        (await after.TransferRuns.CountAsync()).ShouldBe(0);
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cancel) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => cancel.Cancel();
    }

    [Fact]
    public async Task Unterminated_quote_is_reported_with_the_line_it_starts_on()
    {
        await using var f = await TransferFixture.CreateAsync();
        var csv = string.Join("\n", TransferFixture.Header, TransferFixture.Line(1), TransferFixture.Line(2).Replace("Hauptstraße", "\"Hauptstraße"), TransferFixture.Line(3));

        var result = await f.ImportAsync(csv);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.Message.ShouldContain("Zeile 3");
        error.Message.ShouldContain("Anführungszeichen");
        await using var db = f.Context();
        (await db.Contracts.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Line_with_wrong_column_count_is_reported()
    {
        await using var f = await TransferFixture.CreateAsync();
        var csv = string.Join("\n", TransferFixture.Header, TransferFixture.Line(1), TransferFixture.Line(2) + ";zu viel", TransferFixture.Line(3));

        var result = await f.ImportAsync(csv);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.Message.ShouldBe("Die Zeile hat 24 Spalten, die Kopfzeile 23.");
    }

    [Fact]
    public async Task Missing_required_header_column_is_named()
    {
        await using var f = await TransferFixture.CreateAsync();
        var csv = TransferFixture.Header.Replace("Tarif;", "Produkt;") + "\n" + TransferFixture.Line(1);

        var result = await f.ImportAsync(csv);

        var error = result.Errors.ShouldHaveSingleItem();
        (error.Line, error.Field).ShouldBe((1, "Tarif"));
        error.Message.ShouldContain("Pflichtspalte „Tarif“");
    }

    [Fact]
    public async Task Duplicate_contract_number_against_the_database_is_refused_for_an_existing_customer_too()
    {
        await using var f = await TransferFixture.CreateAsync();
        (await f.ImportAsync(TransferFixture.Header + "\n" + TransferFixture.Line(1))).Succeeded.ShouldBeTrue();

        // Same contract number again; customer K-1 exists and is reused.
        var again = await f.ImportAsync(TransferFixture.Header + "\n" + TransferFixture.Line(1) + "\n" + TransferFixture.Line(2).Replace("K-2;", "K-1;"));

        again.Errors.ShouldHaveSingleItem().ShouldBe(new TransferError(2, "Vertragsnummer", "Vertragsnummer „V-1“ ist in dieser Marke bereits vergeben."));
        var third = await f.ImportAsync(TransferFixture.Header + "\n" + TransferFixture.Line(2).Replace("K-2;", "K-1;"));
        third.Succeeded.ShouldBeTrue();
        await using var db = f.Context();
        (await db.Customers.CountAsync()).ShouldBe(1);
        (await db.Contracts.CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task Import_needs_a_brand()
    {
        await using var f = await TransferFixture.CreateAsync();
        await using var db = f.Database.Context(new SystemUser());
        await Should.ThrowAsync<TenantAccessException>(() => new ImportContracts(db).RunAsync(TransferFixture.Csv(TransferFixture.Header), "x.csv"));
    }
}
