using Joules.Core.Domain.Imports;
using Joules.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Transfers;

public class ImportMeterReadingsTests
{
    private static async Task<TransferFixture> WithContractsAsync()
    {
        var f = await TransferFixture.CreateAsync();
        (await f.ImportAsync(string.Join("\n", TransferFixture.Header, TransferFixture.Line(1), TransferFixture.Line(2)))).Succeeded.ShouldBeTrue();
        return f;
    }

    private static async Task<TransferResult> ImportAsync(TransferFixture f, string csv)
    {
        await using var db = f.Context();
        return await new ImportMeterReadings(db).RunAsync(TransferFixture.Csv(csv), "ablesungen.csv");
    }

    [Fact]
    public async Task Readings_and_consumptions_are_imported_by_contract_number_or_MaLo_ID()
    {
        await using var f = await WithContractsAsync();
        var malo2 = Joules.Core.Domain.Contracts.MaLoId.Complete("5000000002");
        var csv = $"""
            Vertragsnummer;MaLo-ID;Ablesedatum;Zählerstand kWh;Zeitraum von;Verbrauch kWh
            v-1;;31.12.2027;12.345,6;;
            ;{malo2};2028-01-01;;2027-01-01;3.410,25
            """;

        var result = await ImportAsync(f, csv);

        result.Errors.ShouldBeEmpty();
        result.RowsWritten.ShouldBe(2);
        await using var db = f.Context();
        var c1 = await db.Contracts.SingleAsync(c => c.ContractNumber == "V-1");
        var c2 = await db.Contracts.SingleAsync(c => c.ContractNumber == "V-2");
        var reading = await db.MeterReadings.SingleAsync(r => r.ContractId == c1.Id);
        (reading.ReadOn, reading.ReadingKwh, reading.ConsumptionKwh, reading.Source).ShouldBe((new DateOnly(2027, 12, 31), (decimal?)12345.6m, (decimal?)null, "import:ablesungen.csv"));
        var consumption = await db.MeterReadings.SingleAsync(r => r.ContractId == c2.Id);
        (consumption.PeriodStart, consumption.ReadOn, consumption.ConsumptionKwh).ShouldBe(((DateOnly?)new DateOnly(2027, 1, 1), new DateOnly(2028, 1, 1), (decimal?)3410.25m));
        (await db.TransferRuns.CountAsync(r => r.Kind == TransferKind.MeterReadingImport && r.Status == TransferStatus.Completed)).ShouldBe(1);
        (await db.DomainEvents.CountAsync(e => e.Type.Contains("ImportCompleted"))).ShouldBe(2);
    }

    [Fact]
    public async Task Bad_readings_are_all_reported_and_nothing_is_saved()
    {
        await using var f = await WithContractsAsync();
        var csv = """
            Vertragsnummer;MaLo-ID;Ablesedatum;Zählerstand kWh;Zeitraum von;Verbrauch kWh
            V-1;;31.12.2027;100;;
            V-404;;31.12.2027;100;;
            V-1;;31.13.2027;100;;
            V-2;;31.12.2027;-5;;
            V-2;;31.12.2027;;01.01.2028;50
            ;;31.12.2027;100;;
            V-1;;31.12.2027;abc;;
            """;

        var result = await ImportAsync(f, csv);

        result.Status.ShouldBe(TransferStatus.Failed);
        result.Errors.Select(e => (e.Line, e.Field)).ShouldBe(
            [(3, "Vertragsnummer"), (4, "Ablesedatum"), (5, "Zählerstand kWh"), (6, "Zeitraum von"), (7, "Vertragsnummer"), (8, "Zählerstand kWh")]);
        result.Errors[0].Message.ShouldContain("V-404");
        await using var db = f.Context();
        (await db.MeterReadings.CountAsync()).ShouldBe(0);
        (await db.TransferRuns.SingleAsync(r => r.Kind == TransferKind.MeterReadingImport)).ErrorCount.ShouldBe(6);
        (await db.DomainEvents.CountAsync(e => e.Type.Contains("ImportFailed"))).ShouldBe(1);
    }
}
