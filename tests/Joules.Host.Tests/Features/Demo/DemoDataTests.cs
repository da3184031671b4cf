using System.Security.Cryptography;
using System.Text;
using Joules.Core.Data;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Tariffs;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Features.Demo;

public class DemoDataTests : IClassFixture<DemoDataTests.DemoApp>
{
    /// <summary>The demo as the seeder wrote it: without the credit check worker, which would check the pending demo
    /// contracts right after start.</summary>
    public sealed class DemoApp : JoulesAppFactory
    {
        public DemoApp()
        {
            DemoCustomers = 300;
            TestServices = s =>
            {
                foreach (var worker in s.Where(d => d.ImplementationType == typeof(Joules.Core.Credit.CreditCheckWorker)).ToList()) s.Remove(worker);
            };
        }
    }

    private readonly DemoApp _app;

    public DemoDataTests(DemoApp app) => _app = app;

    private async Task<T> QueryAsync<T>(JoulesAppFactory app, Func<JoulesDbContext, Task<T>> query)
    {
        T result = default!;
        await app.WithScopeAsync(async sp => result = await query(sp.GetRequiredService<JoulesDbContext>()));
        return result;
    }

    [Fact]
    public async Task Creates_the_configured_number_of_customers_with_catalogue_and_partner_hierarchy()
    {
        await QueryAsync(_app, async db =>
        {
            var brands = await db.Brands.OrderBy(b => b.Code).Select(b => b.Code).ToListAsync();
            brands.ShouldBe(["ALP", "SWS"]);
            var sws = await db.Brands.SingleAsync(b => b.Code == "SWS");
            (await db.Customers.CountAsync(c => c.BrandId == sws.Id)).ShouldBe(300);
            (await db.Contracts.CountAsync(c => c.BrandId == sws.Id)).ShouldBeGreaterThan(300);
            (await db.Customers.CountAsync(c => c.BrandId != sws.Id)).ShouldBeGreaterThan(0);
            (await db.DeliveryAreas.CountAsync(a => a.BrandId == sws.Id)).ShouldBe(3);
            (await db.Tariffs.CountAsync(t => t.BrandId == sws.Id)).ShouldBe(10);
            (await db.Tariffs.Where(t => t.BrandId == sws.Id).Select(t => t.Commodity).Distinct().CountAsync()).ShouldBe(2);

            var prices = await db.PriceLists.Where(p => p.BrandId == sws.Id)
                .Join(db.Tariffs, p => p.TariffId, t => t.Id, (p, t) => new { t.Commodity, p.EnergyPriceCtPerKwh, p.BasePricePerYear, p.Version }).ToListAsync();
            prices.Where(p => p.Commodity == Commodity.Electricity).ShouldAllBe(p => p.EnergyPriceCtPerKwh >= 20m && p.EnergyPriceCtPerKwh <= 32m);
            prices.Where(p => p.Commodity == Commodity.Gas).ShouldAllBe(p => p.EnergyPriceCtPerKwh >= 8m && p.EnergyPriceCtPerKwh <= 12m);
            prices.ShouldAllBe(p => p.BasePricePerYear >= 100m && p.BasePricePerYear <= 180m);
            prices.ShouldContain(p => p.Version == 2);

            var partners = await db.SalesPartners.Where(p => p.BrandId == sws.Id).ToListAsync();
            partners.Count.ShouldBe(20);
            partners.Select(p => p.Depth).Distinct().Order().ShouldBe([0, 1, 2]);

            var partnerUser = await db.Users.SingleAsync(u => u.UserName == "partner");
            var linked = partners.Single(p => p.Id == partnerUser.SalesPartnerId);
            linked.Depth.ShouldBe(0);
            partners.Count(p => p.Id != linked.Id && linked.Contains(p)).ShouldBeGreaterThan(0);
            var subtree = partners.Where(p => linked.Contains(p)).Select(p => p.Id).ToList();
            (await db.Contracts.CountAsync(c => c.SalesPartnerId != null && subtree.Contains(c.SalesPartnerId.Value))).ShouldBeGreaterThan(0);
            return 0;
        });
    }

    [Fact]
    public async Task Every_contract_status_occurs_and_every_history_is_an_allowed_walk()
    {
        await QueryAsync(_app, async db =>
        {
            var sws = await db.Brands.SingleAsync(b => b.Code == "SWS");
            var contracts = await db.Contracts.Include(c => c.History).Where(c => c.BrandId == sws.Id).ToListAsync();
            contracts.Select(c => c.Status).Distinct().Order().ShouldBe(Enum.GetValues<ContractStatus>().Order());

            foreach (var contract in contracts)
            {
                var history = contract.History.OrderBy(h => h.At).ToList();
                history[0].From.ShouldBeNull();
                history[0].To.ShouldBe(ContractStatus.Captured);
                history[0].At.ShouldBe(contract.OrderedAt);
                for (var i = 1; i < history.Count; i++)
                {
                    var step = history[i];
                    step.From.ShouldBe(history[i - 1].To, $"{contract.ContractNumber} step {i}");
                    ContractWorkflow.IsAllowed(step.From!.Value, step.To).ShouldBeTrue($"{contract.ContractNumber}: {step.From} -> {step.To}");
                    step.At.ShouldBeGreaterThan(history[i - 1].At, contract.ContractNumber);
                    if (ContractWorkflow.RequiresReason(step.To)) step.Reason.ShouldNotBeNullOrWhiteSpace($"{contract.ContractNumber}: {step.To}");
                }
                history[^1].To.ShouldBe(contract.Status);
                contract.StatusChangedAt.ShouldBe(history[^1].At);
                history[^1].At.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow);
            }
            contracts.Min(c => c.OrderedAt).ShouldBeLessThan(DateTimeOffset.UtcNow.AddMonths(-10));
            return 0;
        });
    }

    [Fact]
    public async Task German_contracts_have_valid_MaLo_IDs_and_meter_numbers()
    {
        await QueryAsync(_app, async db =>
        {
            var sws = await db.Brands.SingleAsync(b => b.Code == "SWS");
            var contracts = await db.Contracts.Where(c => c.BrandId == sws.Id).Select(c => new { c.MaLoId, c.MeterNumber, c.Commodity }).ToListAsync();
            contracts.ShouldAllBe(c => MaLoId.IsValid(c.MaLoId) && !string.IsNullOrEmpty(c.MeterNumber));
            contracts.Where(c => c.Commodity == Commodity.Electricity).ShouldAllBe(c => c.MaLoId![0] >= '4');
            contracts.Where(c => c.Commodity == Commodity.Gas).ShouldAllBe(c => c.MaLoId![0] <= '3');
            var austrian = await db.Contracts.Where(c => c.BrandId != sws.Id).Select(c => c.DeliveryAddress.PostalCode).ToListAsync();
            austrian.ShouldNotBeEmpty();
            austrian.ShouldAllBe(p => p.Length == 4);
            return 0;
        });
    }

    [Fact]
    public async Task Commissions_exist_for_confirmed_partner_contracts_some_paid_some_open()
    {
        await QueryAsync(_app, async db =>
        {
            var entries = await db.CommissionEntries.ToListAsync();
            entries.ShouldContain(e => e.Kind == CommissionKind.Closing);
            entries.ShouldContain(e => e.Kind == CommissionKind.Override);
            entries.ShouldContain(e => e.PaidAt != null);
            entries.ShouldContain(e => e.PaidAt == null);
            entries.Where(e => e.PaidAt != null).ShouldAllBe(e => e.StatementId != null);

            var confirmedStatuses = ContractWorkflowStatusesAfterConfirmation();
            var withEntries = entries.Select(e => e.ContractId).ToHashSet();
            var contracts = await db.Contracts.Include(c => c.History).Where(c => c.SalesPartnerId != null).ToListAsync();
            foreach (var contract in contracts)
            {
                var reachedConfirmed = contract.History.Any(h => h.To == ContractStatus.Confirmed);
                withEntries.Contains(contract.Id).ShouldBe(reachedConfirmed, contract.ContractNumber);
            }
            contracts.ShouldContain(c => confirmedStatuses.Contains(c.Status));
            (await db.CommissionStatements.CountAsync(s => s.ReleasedAt != null)).ShouldBeGreaterThan(0);
            return 0;
        });
    }

    [Fact]
    public async Task Demo_load_is_audited_once_per_brand_instead_of_per_row()
    {
        await QueryAsync(_app, async db =>
        {
            (await db.AuditEntries.CountAsync(a => a.Action == "DemoDataCreated")).ShouldBe(2);
            (await db.AuditEntries.CountAsync(a => a.EntityType == "Contract")).ShouldBe(0);
            (await db.DomainEvents.CountAsync()).ShouldBe(0);
            return 0;
        });
    }

    [Fact]
    public async Task Same_seed_gives_the_same_demo_data()
    {
        var first = await DigestAsync(_app);
        using var second = new DemoApp();
        (await DigestAsync(second)).ShouldBe(first);
    }

    private async Task<string> DigestAsync(JoulesAppFactory app) => await QueryAsync(app, async db =>
    {
        var rows = await (
            from c in db.Contracts
            join k in db.Customers on c.CustomerId equals k.Id
            join t in db.Tariffs on c.TariffId equals t.Id
            orderby c.ContractNumber
            select new { c.ContractNumber, k.CustomerNumber, k.LastName, k.FirstName, k.CompanyName, t.Code, c.Status, c.MaLoId, c.AnnualConsumptionKwh, c.DeliveryAddress.PostalCode })
            .ToListAsync();
        rows.Count.ShouldBeGreaterThan(300);
        var text = string.Join("\n", rows.Select(r => $"{r.ContractNumber}|{r.CustomerNumber}|{r.LastName}|{r.FirstName}|{r.CompanyName}|{r.Code}|{r.Status}|{r.MaLoId}|{r.AnnualConsumptionKwh}|{r.PostalCode}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    });

    private static HashSet<ContractStatus> ContractWorkflowStatusesAfterConfirmation() =>
        [.. Enum.GetValues<ContractStatus>().Where(s => s >= ContractStatus.Confirmed && s != ContractStatus.Withdrawn && s != ContractStatus.Cancelled)];
}
