using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.Identity;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Contracts;
using Joules.Core.UseCases.Customers;
using Joules.Host.Features.Credit.Reviews;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Features.Credit;

/// <summary>The real host with the bureau simulator and a test bureau (simulated SCHUFA Basisscore) on a fresh SQLite file;
/// one brand that checks households in DE at SCHUFA with rules 95,1–100 accept, 90–95 manual review, 0–89,9 reject.
/// Contracts are created and moved to "credit check pending" through the Core use cases; the host's worker checks them.</summary>
public sealed class CreditHost : IAsyncDisposable
{
    private CreditHost(JoulesAppFactory app) => App = app;

    public JoulesAppFactory App { get; }
    public Guid BrandId { get; private set; }

    public static async Task<CreditHost> StartAsync()
    {
        var app = new JoulesAppFactory { TestServices = s => SimulatorCreditBureau.AddTo(s) };
        app.Settings["Joules:Simulators:Enabled"] = "true";
        var host = new CreditHost(app);
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<JoulesDbContext>();
            var brand = new Brand("SWT", "Stadtwerke Test");
            db.Brands.Add(brand);
            await db.SaveChangesAsync();
            host.BrandId = brand.Id;
            db.CreditCheckSettings.Add(CreditCheckSettings.Create(brand.Id));
            db.BureauRoutes.Add(BureauRoute.Create(brand.Id, "DE", CustomerType.Household, 1, "schufa", "basisscore"));
            db.ScoreRangeRules.AddRange(
                ScoreRangeRule.Range(brand.Id, "schufa", "basisscore", 95.1m, 100m, CreditDecision.AutoAccept),
                ScoreRangeRule.Range(brand.Id, "schufa", "basisscore", 90m, 95m, CreditDecision.ManualReview),
                ScoreRangeRule.Range(brand.Id, "schufa", "basisscore", 0m, 89.9m, CreditDecision.AutoReject),
                ScoreRangeRule.NegativeFeatures(brand.Id, "schufa", "basisscore", CreditDecision.AutoReject));
            await db.SaveChangesAsync();
        });
        return host;
    }

    /// <summary>Turns the automatic check off: contracts stay in "credit check pending" until checked by button.</summary>
    public Task ChecksByButtonOnlyAsync() => App.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<JoulesDbContext>();
        (await db.CreditCheckSettings.SingleAsync()).AutoCheck = false;
        await db.SaveChangesAsync();
    });

    /// <summary>A captured contract of a household customer "Jonas {lastName}" (same person for the same name), moved to
    /// "credit check pending", which queues its automatic check.</summary>
    public async Task<(Guid Id, string Number)> PendingContractAsync(string lastName)
    {
        (Guid, string) result = default;
        await App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<JoulesDbContext>();
            var address = new Address { Street = "Am Wehr", HouseNumber = "3", PostalCode = "79102", City = "Sonnental" };
            var customer = await new CreateCustomer(db).RunAsync(new CreateCustomerCommand(CustomerType.Household,
                new CustomerDetails(Salutation.Mr, "Jonas", lastName, null, new DateOnly(1979, 3, 14), null, null, address), BrandId));
            var tariff = await db.Tariffs.FirstOrDefaultAsync(t => t.BrandId == BrandId);
            if (tariff is null)
            {
                tariff = new Tariff(BrandId, "STROM-TEST", "Strom Test", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
                db.Tariffs.Add(tariff);
                await db.SaveChangesAsync();
            }
            var contract = await new CaptureContract(db).RunAsync(new CaptureContractCommand(customer.Id, tariff.Id, null, SalesChannel.BackOffice,
                new ContractDetails(address, MaLoId.Complete("5123456789"), "1ESY0000001", 2800, DateOnly.FromDateTime(DateTime.Today.AddMonths(2)))));
            await new ChangeContractStatus(db).RunAsync(contract.Id, ContractStatus.CreditCheckPending, null, "test");
            result = (contract.Id, contract.ContractNumber);
        });
        return result;
    }

    /// <summary>Waits until the worker has checked the contract (it left "credit check pending") and returns it with its history.</summary>
    public async Task<Contract> CheckedAsync(Guid contractId)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var contract = await ContractAsync(contractId);
            if (contract.Status != ContractStatus.CreditCheckPending) return contract;
            await Task.Delay(100);
        }
        throw new TimeoutException("The automatic credit check did not run.");
    }

    public async Task<Contract> ContractAsync(Guid contractId)
    {
        Contract? contract = null;
        await App.WithScopeAsync(async services =>
            contract = await services.GetRequiredService<JoulesDbContext>().Contracts.AsNoTracking().Include(c => c.History).SingleAsync(c => c.Id == contractId));
        return contract!;
    }

    public async Task<T> QueryAsync<T>(Func<JoulesDbContext, Task<T>> query)
    {
        T result = default!;
        await App.WithScopeAsync(async services => result = await query(services.GetRequiredService<JoulesDbContext>()));
        return result;
    }

    /// <summary>A back-office user of the brand, and the page services acting as that user.</summary>
    public async Task<(Guid UserId, CreditActions Actions)> ReviewerAsync(string userName = "s.pruefer", string displayName = "Sina Prüfer")
    {
        var user = new JoulesUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = displayName, BrandId = BrandId };
        await App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<JoulesDbContext>();
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        var accessor = new CurrentUserAccessor { User = new Reviewer(user.Id, userName, BrandId) };
        return (user.Id, new CreditActions(App.Services.GetRequiredService<IServiceScopeFactory>(), accessor));
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    private sealed record Reviewer(Guid? UserId, string UserName, Guid? BrandId) : ICurrentUser
    {
        public bool AllBrands => false;
        public IReadOnlyCollection<Guid>? VisiblePartnerIds => null;
    }
}
