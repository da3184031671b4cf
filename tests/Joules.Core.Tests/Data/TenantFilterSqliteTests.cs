using Joules.Core.Domain.Contracts;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Data;

public class TenantFilterSqliteTests
{
    [Fact]
    public async Task Brand_A_never_sees_or_changes_brand_B_rows()
    {
        await using var database = await new SqliteTestDatabase().MigrateAsync();
        var a = await database.AddBrandAsync("AAA", "Brand A");
        var b = await database.AddBrandAsync("BBB", "Brand B");
        await using (var db = database.Context(new SystemUser("seed", a.Id))) await TestData.AddContractAsync(db, a.Id, "A-1");
        await using (var db = database.Context(new SystemUser("seed", b.Id))) await TestData.AddContractAsync(db, b.Id, "B-1");

        await using var asA = database.Context(new SystemUser("user-a", a.Id));
        (await asA.Contracts.Select(c => c.ContractNumber).ToListAsync()).ShouldBe(["A-1"]);
        (await asA.Customers.CountAsync()).ShouldBe(1);
        (await asA.ContractStatusEvents.AllAsync(e => e.BrandId == a.Id)).ShouldBeTrue();

        var foreign = await asA.Contracts.IgnoreQueryFilters().SingleAsync(c => c.ContractNumber == "B-1");
        foreign.ChangeStatus(ContractStatus.CreditCheckPending, "user-a", null);
        await Should.ThrowAsync<TenantAccessException>(() => asA.SaveChangesAsync());
    }

    [Fact]
    public async Task Status_change_is_stored_with_its_event_and_history_in_one_save()
    {
        await using var database = await new SqliteTestDatabase().MigrateAsync();
        var brand = await database.AddBrandAsync("AAA", "Brand A");
        await using var db = database.Context(new SystemUser("clerk", brand.Id));
        var contract = await TestData.AddContractAsync(db, brand.Id);

        contract.ChangeStatus(ContractStatus.CreditCheckPending, "clerk", null);
        await db.SaveChangesAsync();

        await using var check = database.Context(new SystemUser());
        var history = await check.ContractStatusEvents.Where(e => e.ContractId == contract.Id).OrderBy(e => e.At).ToListAsync();
        history.Select(h => h.To).ShouldBe([ContractStatus.Captured, ContractStatus.CreditCheckPending]);
        var events = await check.DomainEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        events.ShouldContain(DomainEventTypes.NameOf(typeof(ContractStatusChanged)));
        events.ShouldContain(DomainEventTypes.NameOf(typeof(ContractCreated)));
        (await check.AuditEntries.AnyAsync(x => x.EntityType == nameof(Contract) && x.Action == "Modified")).ShouldBeTrue();
    }
}
