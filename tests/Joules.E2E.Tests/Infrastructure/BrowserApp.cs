using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Contracts;
using Joules.Core.UseCases.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.E2E.Tests.Infrastructure;

/// <summary>One host and one chromium for the whole (small) browser suite.</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public E2EApp Host { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Browser = await Browser.LaunchAsync();
        Host = new E2EApp();
    }

    /// <summary>Closes chromium, then stops the host; both are attempted. A failure to close the test browser is the
    /// test tool's, not the product's: it is written out with its stack and the suite goes on. A failure while the host
    /// stops is the product's and fails the suite.</summary>
    public async Task DisposeAsync()
    {
        try { if (Browser is not null) await Browser.DisposeAsync(); }
        catch (Exception ex) { await ReportAsync("closing chromium", ex); }
        try { if (Host is not null) await Host.DisposeAsync(); }
        catch (Exception ex)
        {
            // The message carries the whole stack: the runner's clean-up report shows only the message.
            throw new InvalidOperationException($"The host failed to stop: {ex}", ex);
        }
    }

    private static Task ReportAsync(string step, Exception ex) =>
        Console.Error.WriteLineAsync($"Browser suite clean-up: {step} failed: {ex}");

    /// <summary>Creates a customer, a tariff and a captured contract in the demo brand through Core, as the system;
    /// optionally moves it on. Returns the contract's id and number.</summary>
    public Task<(Guid Id, string Number)> CreateContractAsync(string lastName, ContractStatus? moveTo = null) => Host.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<JoulesDbContext>();
        var brand = await db.Brands.SingleAsync(b => b.Code == "SWS");
        var address = new Address { Street = "Am Wehr", HouseNumber = "3", PostalCode = "79102", City = "Sonnental" };
        var customer = await new CreateCustomer(db).RunAsync(new CreateCustomerCommand(CustomerType.Household,
            new CustomerDetails(Salutation.Mr, "Jonas", lastName, null, null, null, null, address), brand.Id));
        var tariff = await db.Tariffs.FirstOrDefaultAsync(t => t.BrandId == brand.Id && t.Code == "E2E-STROM");
        if (tariff is null)
        {
            tariff = new Tariff(brand.Id, "E2E-STROM", "Sonnenstrom E2E", Commodity.Electricity, CustomerType.Household, new TariffTerms(12, 12, 4, 12));
            db.Tariffs.Add(tariff);
            await db.SaveChangesAsync();
        }
        var contract = await new CaptureContract(db).RunAsync(new CaptureContractCommand(customer.Id, tariff.Id, null, SalesChannel.BackOffice,
            new ContractDetails(address, MaLoId.Complete("5123456789"), "1ESY0000001", 2800, DateOnly.FromDateTime(DateTime.Today.AddMonths(2)))));
        if (moveTo is { } status)
            await new ChangeContractStatus(db).RunAsync(contract.Id, status, "Vorbereitung", "e2e");
        return (contract.Id, contract.ContractNumber);
    });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}
