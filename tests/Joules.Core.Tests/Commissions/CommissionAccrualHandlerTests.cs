using Joules.Core.Commissions;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.Commissions;

public class CommissionAccrualHandlerTests
{
    private static readonly CommissionScheme Scheme = new() { ClosingFixed = 20m, ClosingPerMwh = 10m, ClosingMinMwh = 1.5m, ClosingMaxMwh = 10m, ParentOverridePercent = 10m, LiabilityMonths = 12 };

    private static async Task<(SqliteTestDatabase Database, Contract Contract, SalesPartner Parent, SalesPartner Child)> SoldContractAsync()
    {
        var database = await new SqliteTestDatabase().MigrateAsync();
        var brand = await database.AddBrandAsync("AAA", "Brand A");
        await using var db = database.Context(new SystemUser("clerk", brand.Id));
        var parent = new SalesPartner(brand.Id, "VP-1", "Vertrieb Süd", null, SalesChannel.DoorToDoor);
        var child = new SalesPartner(brand.Id, "VP-2", "Team Nord", parent, SalesChannel.DoorToDoor);
        child.ChangeCommission(Scheme);
        db.SalesPartners.AddRange(parent, child);
        var contract = await TestData.AddContractAsync(db, brand.Id, "V-1", child.Id); // 3,500 kWh
        return (database, contract, parent, child);
    }

    /// <summary>Changes the status as a clerk of the brand and runs the handler as the dispatcher does (system, all brands).</summary>
    private static async Task ChangeAndHandleAsync(SqliteTestDatabase database, Guid contractId, ContractStatus to, string? reason = null, bool handleTwice = false)
    {
        ContractStatusChanged raised;
        await using (var db = database.Context(new SystemUser()))
        {
            var contract = await db.Contracts.Include(c => c.History).SingleAsync(c => c.Id == contractId);
            contract.ChangeStatus(to, "clerk", reason);
            raised = contract.DomainEvents.OfType<ContractStatusChanged>().Last();
            await db.SaveChangesAsync();
        }
        for (var i = 0; i < (handleTwice ? 2 : 1); i++)
        {
            await using var db = database.Context(new SystemUser());
            await new CommissionAccrualHandler(db).HandleAsync(raised, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Confirmation_creates_closing_and_parent_override_once()
    {
        var (database, contract, parent, child) = await SoldContractAsync();
        await using var _ = database;

        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Confirmed, handleTwice: true);

        await using var check = database.Context(new SystemUser());
        var entries = await check.CommissionEntries.Where(e => e.ContractId == contract.Id).ToListAsync();
        entries.Count.ShouldBe(2);
        var closing = entries.Single(e => e.Kind == CommissionKind.Closing);
        closing.SalesPartnerId.ShouldBe(child.Id);
        closing.Amount.ShouldBe(55.00m); // 20 € + 10 €/MWh × 3.5 MWh
        closing.BrandId.ShouldBe(contract.BrandId);
        var over = entries.Single(e => e.Kind == CommissionKind.Override);
        over.SalesPartnerId.ShouldBe(parent.Id);
        over.Amount.ShouldBe(5.50m);
    }

    [Fact]
    public async Task Cancellation_after_confirmation_claws_back_closing_and_override()
    {
        var (database, contract, parent, child) = await SoldContractAsync();
        await using var _ = database;
        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Confirmed);

        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Cancelled, "Kunde zieht um", handleTwice: true);

        await using var check = database.Context(new SystemUser());
        var entries = await check.CommissionEntries.Where(e => e.ContractId == contract.Id).ToListAsync();
        var clawbacks = entries.Where(e => e.Kind == CommissionKind.Clawback).ToList();
        clawbacks.Count.ShouldBe(2);
        clawbacks.Single(e => e.SalesPartnerId == child.Id).Amount.ShouldBe(-55.00m);
        clawbacks.Single(e => e.SalesPartnerId == parent.Id).Amount.ShouldBe(-5.50m);
        clawbacks.Single(e => e.SalesPartnerId == child.Id).CorrectsEntryId.ShouldBe(entries.Single(e => e.Kind == CommissionKind.Closing).Id);
        entries.Sum(e => e.Amount).ShouldBe(0m);
    }

    [Fact]
    public async Task Cancellation_without_closing_entry_books_nothing()
    {
        var (database, contract, _, _) = await SoldContractAsync();
        await using var _ = database;
        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Cancelled, "Doppelt erfasst");
        await using var check = database.Context(new SystemUser());
        (await check.CommissionEntries.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Termination_within_the_liability_period_claws_back_pro_rata()
    {
        var (database, contract, parent, child) = await SoldContractAsync();
        await using var _ = database;
        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Confirmed);
        await using (var db = database.Context(new SystemUser()))
        {
            var c = await db.Contracts.Include(x => x.History).SingleAsync(x => x.Id == contract.Id);
            var tariff = await db.Tariffs.SingleAsync(t => t.Id == c.TariffId);
            // Supply 01.01.–31.03.2027: 3 of 12 liability months delivered.
            c.Update(new ContractDetails(c.DeliveryAddress, c.MaLoId, c.MeterNumber, c.AnnualConsumptionKwh, new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31)), tariff);
            foreach (var status in new[] { ContractStatus.GridRegistrationSent, ContractStatus.GridRegistrationConfirmed, ContractStatus.InSupply })
                c.ChangeStatus(status, "clerk", null);
            await db.SaveChangesAsync();
        }

        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Terminated, "Umzug ins Ausland");
        await ChangeAndHandleAsync(database, contract.Id, ContractStatus.Ended);

        await using var check = database.Context(new SystemUser());
        var clawbacks = await check.CommissionEntries.Where(e => e.ContractId == contract.Id && e.Kind == CommissionKind.Clawback).ToListAsync();
        clawbacks.Count.ShouldBe(2);
        clawbacks.Single(e => e.SalesPartnerId == child.Id).Amount.ShouldBe(-41.25m);  // 55 € × (12 − 3) / 12
        clawbacks.Single(e => e.SalesPartnerId == parent.Id).Amount.ShouldBe(-4.13m);  // 5.50 € × 9 / 12
    }

    [Theory]
    [InlineData("2027-01-01", "2027-03-31", 3)]
    [InlineData("2027-01-15", "2027-02-13", 0)]
    [InlineData("2027-01-15", "2027-02-14", 1)]
    [InlineData("2027-01-01", "2027-12-31", 12)]
    public void Months_delivered_count_whole_months(string start, string end, int months) =>
        CommissionAccrualHandler.MonthsDelivered(DateOnly.Parse(start), DateOnly.Parse(end)).ShouldBe(months);
}
