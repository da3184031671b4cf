using System.Globalization;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Commissions;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Domain.Commissions;

public class PaidCommissionEntryTests
{
    public PaidCommissionEntryTests() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");

    private static async Task<(SqliteTestDatabase Db, Guid Brand, Guid Partner, Guid Statement, Guid Entry)> ReleasedStatementAsync()
    {
        var database = await new SqliteTestDatabase().MigrateAsync();
        var brand = await database.AddBrandAsync("AAA", "Brand A");
        await using var db = database.Context(new SystemUser("clerk", brand.Id));
        var partner = new SalesPartner(brand.Id, "VP-1", "Vertrieb Süd", null, SalesChannel.DoorToDoor);
        db.SalesPartners.Add(partner);
        var contract = await TestData.AddContractAsync(db, brand.Id, "V-1", partner.Id);
        var entry = new CommissionEntry(brand.Id, partner.Id, contract.Id, CommissionKind.Closing, 65m, "test", new DateOnly(2026, 3, 10));
        db.CommissionEntries.Add(entry);
        await db.SaveChangesAsync();
        var statements = new CommissionStatements(db);
        var statement = await statements.CreateAsync(partner.Id, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        await statements.ReleaseAsync(statement.Id);
        return (database, brand.Id, partner.Id, statement.Id, entry.Id);
    }

    [Fact]
    public async Task Statement_release_marks_entries_paid_and_stores_the_released_event_in_the_same_save()
    {
        var (database, brand, _, statementId, entryId) = await ReleasedStatementAsync();
        await using var _ = database;
        await using var check = database.Context(new SystemUser());
        var statement = await check.CommissionStatements.SingleAsync(s => s.Id == statementId);
        statement.Number.ShouldBe("GS-2026-0001");
        statement.ReleasedAt.ShouldNotBeNull();
        statement.VatAmount.ShouldBe(12.35m);
        var entry = await check.CommissionEntries.SingleAsync(e => e.Id == entryId);
        entry.PaidAt.ShouldBe(statement.ReleasedAt);
        var stored = await check.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.NameOf(typeof(CommissionSettlementReleased)));
        stored.BrandId.ShouldBe(brand);
        stored.Payload.ShouldContain("GS-2026-0001");
    }

    [Fact]
    public async Task A_paid_entry_cannot_be_changed()
    {
        var (database, brand, _, _, entryId) = await ReleasedStatementAsync();
        await using var _ = database;
        await using var db = database.Context(new SystemUser("clerk", brand));
        var entry = await db.CommissionEntries.SingleAsync(e => e.Id == entryId);
        db.Entry(entry).Property(e => e.Amount).CurrentValue = 99m;
        var ex = await Should.ThrowAsync<DomainException>(() => db.SaveChangesAsync());
        ex.Message.ShouldBe("Eine ausgezahlte Provision kann nicht geändert werden; legen Sie eine Korrekturbuchung an.");
    }

    [Fact]
    public async Task A_paid_entry_cannot_be_deleted()
    {
        var (database, brand, _, _, entryId) = await ReleasedStatementAsync();
        await using var _ = database;
        await using var db = database.Context(new SystemUser("clerk", brand));
        db.CommissionEntries.Remove(await db.CommissionEntries.SingleAsync(e => e.Id == entryId));
        var ex = await Should.ThrowAsync<DomainException>(() => db.SaveChangesAsync());
        ex.Message.ShouldBe("Provisionsbuchungen werden nie gelöscht; legen Sie eine Korrekturbuchung an.");
    }

    [Fact]
    public async Task A_correction_is_a_new_open_entry_referencing_the_paid_one()
    {
        var (database, brand, partner, _, entryId) = await ReleasedStatementAsync();
        await using var _ = database;
        await using (var db = database.Context(new SystemUser("clerk", brand)))
            await new CommissionStatements(db).CorrectAsync(entryId, -8.76m, "Verbrauchskorrektur");

        await using var check = database.Context(new SystemUser());
        var entries = await check.CommissionEntries.Where(e => e.SalesPartnerId == partner).ToListAsync();
        entries.Count.ShouldBe(2);
        entries.Single(e => e.Id == entryId).Amount.ShouldBe(65m);
        var correction = entries.Single(e => e.Id != entryId);
        correction.Kind.ShouldBe(CommissionKind.Correction);
        correction.Amount.ShouldBe(-8.76m);
        correction.CorrectsEntryId.ShouldBe(entryId);
        correction.IsPaid.ShouldBeFalse();
    }
}
