using Joules.Core.UseCases.Audit;

namespace Joules.Core.Tests.UseCases.Audit;

public class AuditChangesTests
{
    [Fact]
    public void Modified_properties_read_as_old_to_new()
    {
        var changes = SearchAuditEntries.ParseChanges("""{"Name":{"old":"Strom Basis","new":"Strom Fix"},"PaidAt":{"old":null,"new":"2026-11-26"}}""", "Modified");
        changes.ShouldBe([new AuditChange("Name", "Strom Basis", "Strom Fix"), new AuditChange("PaidAt", "—", "2026-11-26")]);
    }

    [Fact]
    public void Added_rows_list_their_values_and_free_text_stays_one_line()
    {
        SearchAuditEntries.ParseChanges("""{"Amount":65.0,"Basis":"Abschluss"}""", "Added")
            .ShouldBe([new AuditChange("Amount", null, "65.0"), new AuditChange("Basis", null, "Abschluss")]);
        SearchAuditEntries.ParseChanges("Export von 120 Zeilen", "Export").ShouldBe([new AuditChange("", null, "Export von 120 Zeilen")]);
    }
}
