using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Contracts;
using Joules.Core.UseCases.Customers;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Contracts;

public sealed class ContractStatusFlowTests : IClassFixture<ContractStatusFlowTests.App>, IAsyncLifetime
{
    public sealed class App : IAsyncLifetime
    {
        public E2EApp Host { get; private set; } = null!;
        public Browser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Browser = await Browser.LaunchAsync();
            Host = new E2EApp();
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Host.DisposeAsync();
        }
    }

    private readonly App _app;
    private IPage _page = null!;

    public ContractStatusFlowTests(App app) => _app = app;

    public async Task InitializeAsync() => _page = await _app.Browser.NewPageAsync(_app.Host.BaseUrl);

    public async Task DisposeAsync() => await _page.Context.DisposeAsync();

    [Fact]
    public async Task Staff_filters_the_list_opens_a_contract_and_moves_it_to_clarification()
    {
        var number = await CreateContractAsync("Brauckmann");

        await _page.SignInAsync("staff", DemoUsers.Password);
        await _page.OpenAsync("/contracts");
        await _page.Locator(Field("contract-filter-text")).FillAsync(number);
        await _page.WaitForURLAsync(url => url.Contains("q=" + number, StringComparison.Ordinal));
        var link = _page.GetByTestId("contract-link-" + number);
        await Expect(link).ToBeVisibleAsync();

        await link.ClickAsync();
        await Expect(_page.GetByTestId("contract-title")).ToContainTextAsync(number);
        await Expect(_page.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.Captured));

        await _page.GetByTestId("status-action-" + ContractStatus.NeedsClarification).ClickAsync();
        var confirm = _page.GetByTestId("status-confirm");
        await Expect(confirm).ToBeDisabledAsync();
        await _page.Locator(Field("status-reason")).FillAsync("Zählernummer unleserlich");
        await Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();

        var newest = _page.GetByTestId("history-entry").First;
        await Expect(newest.GetByTestId("history-status")).ToContainTextAsync(ContractStatusText.Label(ContractStatus.NeedsClarification));
        await Expect(newest.GetByTestId("history-reason")).ToContainTextAsync("Zählernummer unleserlich");
        await Expect(newest.GetByTestId("history-meta")).ToContainTextAsync("staff");
        await Expect(_page.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.NeedsClarification));
    }

    [Fact]
    public async Task Status_link_from_the_dashboard_filters_the_list()
    {
        var number = await CreateContractAsync("Lindqvist", ContractStatus.QualityReviewPending);

        await _page.SignInAsync("staff", DemoUsers.Password);
        await _page.OpenAsync("/");
        await _page.GetByTestId("task-" + ContractStatus.QualityReviewPending).ClickAsync();

        await _page.WaitForURLAsync(url => url.Contains("status=QualityReviewPending", StringComparison.Ordinal));
        await Expect(_page.GetByTestId("contract-link-" + number)).ToBeVisibleAsync();
        var statuses = await _page.GetByTestId("contract-row-status").AllInnerTextsAsync();
        statuses.ShouldAllBe(s => s.Trim() == ContractStatusText.Label(ContractStatus.QualityReviewPending));
    }

    /// <summary>MudBlazor puts test ids on the wrapper or the input depending on the component: match both.</summary>
    private static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    /// <summary>Creates a customer, a tariff and a contract in the demo brand through Core, as the system.</summary>
    private Task<string> CreateContractAsync(string lastName, ContractStatus? moveTo = null) => _app.Host.WithScopeAsync(async services =>
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
        return contract.ContractNumber;
    });
}
