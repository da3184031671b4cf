using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Contracts;

namespace Joules.Core.Tests.UseCases.Contracts;

public class GetContractDashboardTests : UseCaseTestBase
{
    // A Wednesday: the current week started on Monday 2026-11-23.
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Counts_by_status_open_tasks_and_new_contracts_per_week_of_the_own_brand()
    {
        await using (var db = ClerkOf(BrandA))
        {
            var customer = new Customer(BrandA.Id, "K-1", CustomerType.Household, TestData.Person());
            var tariff = TestData.PowerTariff(BrandA.Id);
            db.AddRange(customer, tariff);
            Contract Add(string number, DateTimeOffset at)
            {
                var c = new Contract(BrandA.Id, number, customer.Id, tariff,
                    new ContractDetails(TestData.Address(), null, null, 3000, null), null, SalesChannel.Online, "test", at: at);
                db.Add(c);
                return c;
            }
            Add("V-1", Now.AddHours(-1));                       // this week
            Add("V-2", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)); // Monday 00:00: this week
            Add("V-3", new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero)).ChangeStatus(ContractStatus.NeedsClarification, "t", "fehlt", at: Now);
            Add("V-4", Now.AddDays(-7 * 11));                   // oldest week shown
            Add("V-5", Now.AddDays(-7 * 12 - 3));               // too old for the chart
            await db.SaveChangesAsync();
        }
        await using (var other = ClerkOf(BrandB)) await TestData.AddContractAsync(other, BrandB.Id, "B-1");

        await using var read = ClerkOf(BrandA);
        var dashboard = await new GetContractDashboard(read).RunAsync(now: Now);

        dashboard.Total.ShouldBe(5);
        dashboard.ByStatus[ContractStatus.Captured].ShouldBe(4);
        dashboard.ByStatus[ContractStatus.NeedsClarification].ShouldBe(1);
        dashboard.OpenTasks.Single(t => t.Status == ContractStatus.NeedsClarification).Count.ShouldBe(1);
        dashboard.OpenTasks.Count.ShouldBe(6);
        dashboard.NewPerWeek.Count.ShouldBe(12);
        dashboard.NewPerWeek[^1].WeekStart.ShouldBe(new DateOnly(2026, 11, 23));
        dashboard.NewPerWeek.Select(w => w.Count).ShouldBe([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
    }
}
