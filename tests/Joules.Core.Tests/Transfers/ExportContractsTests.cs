using System.Text;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Imports;
using Joules.Core.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Transfers;

public class ExportContractsTests
{
    [Fact]
    public async Task Export_writes_contracts_in_the_chosen_statuses_with_the_import_columns()
    {
        await using var f = await TransferFixture.CreateAsync();
        (await f.ImportAsync(string.Join("\n", TransferFixture.Header, TransferFixture.Line(1), TransferFixture.Line(2),
            TransferFixture.Line(3).Replace("Muster3", "\"Muster; Drei\"")))).Succeeded.ShouldBeTrue();
        await using (var db = f.Context())
        {
            foreach (var c in await db.Contracts.Where(c => c.ContractNumber != "V-2").ToListAsync())
            {
                foreach (var step in new[] { ContractStatus.CreditCheckPending, ContractStatus.CreditCheckPassed, ContractStatus.QualityReviewPending, ContractStatus.QualityReviewPassed, ContractStatus.Confirmed })
                    c.ChangeStatus(step, "clerk", null);
            }
            await db.SaveChangesAsync();
        }

        var output = new MemoryStream();
        TransferResult result;
        await using (var db = f.Context()) result = await new ExportContracts(db).RunAsync(output, "abrechnung.csv");

        result.RowsWritten.ShouldBe(2);
        var bytes = output.ToArray();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var records = new List<string[]>();
        var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes)));
        while (reader.TryRead(out _, out var fields)) records.Add(fields);
        records[0].ShouldBe([.. ContractColumns.All, "Status"]);
        records.Skip(1).Select(r => r[0]).ShouldBe(["V-1", "V-3"]);
        var v3 = records[2];
        v3[5].ShouldBe("Muster; Drei");
        v3[16].ShouldBe(MaLoId.Complete("5000000003"));
        v3[18].ShouldBe("3500");
        v3[19].ShouldBe("01.01.2027");
        v3[20].ShouldBe("P-100");
        v3[21].ShouldBe("Haustür");
        v3[22].ShouldBe("20.11.2026");
        v3[23].ShouldBe("Confirmed");

        await using var after = f.Context();
        var run = await after.TransferRuns.SingleAsync(r => r.Kind == TransferKind.ContractExport);
        (run.RowsWritten, run.FileName, run.Status).ShouldBe((2, "abrechnung.csv", TransferStatus.Completed));
        (await after.DomainEvents.CountAsync(e => e.Type.Contains("ExportCompleted"))).ShouldBe(1);
        (await after.AuditEntries.CountAsync(a => a.Action == "Export")).ShouldBe(1);
    }

    [Fact]
    public async Task Exported_file_can_be_imported_into_another_brand()
    {
        await using var f = await TransferFixture.CreateAsync();
        (await f.ImportAsync(string.Join("\n", TransferFixture.Header, TransferFixture.Line(1)))).Succeeded.ShouldBeTrue();
        var output = new MemoryStream();
        await using (var db = f.Context()) await new ExportContracts(db).RunAsync(output, "alle.csv", [ContractStatus.Captured]);

        var text = Encoding.UTF8.GetString(output.ToArray()).Replace("V-1;K-1", "V-9;K-9").Replace("erika1@", "erika9@");
        var result = await f.ImportAsync(text);

        result.Errors.ShouldBeEmpty();
        result.RowsWritten.ShouldBe(1);
    }
}
