using Joules.Core.Domain.Contracts;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Contracts;

[Collection(BrowserCollection.Name)]
public sealed class ContractStatusFlowTests(BrowserApp app) : IAsyncLifetime
{
    private IPage _page = null!;

    public async Task InitializeAsync() => _page = await app.Browser.NewPageAsync(app.Host.BaseUrl);

    public async Task DisposeAsync() => await _page.Context.DisposeAsync();

    [Fact]
    public async Task Staff_filters_the_list_opens_a_contract_and_moves_it_to_clarification()
    {
        var (_, number) = await app.CreateContractAsync("Brauckmann");

        await _page.SignInAsync("staff", DemoUsers.Password);
        await _page.OpenAsync("/contracts");
        await _page.FillUntilUrlAsync("contract-filter-text", number, url => url.Contains("q=" + number, StringComparison.Ordinal));
        var link = _page.GetByTestId("contract-link-" + number);
        await Expect(link).ToBeVisibleAsync();

        await link.ClickAsync();
        await Expect(_page.GetByTestId("contract-title")).ToContainTextAsync(number);
        await Expect(_page.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.Captured));

        await _page.GetByTestId("status-action-" + ContractStatus.NeedsClarification).ClickAsync();
        var confirm = _page.GetByTestId("status-confirm");
        await Expect(confirm).ToBeDisabledAsync();
        await _page.Locator(PageSteps.Field("status-reason")).FillAsync("Zählernummer unleserlich");
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
        var (_, number) = await app.CreateContractAsync("Lindqvist", ContractStatus.QualityReviewPending);

        await _page.SignInAsync("staff", DemoUsers.Password);
        await _page.OpenAsync("/");
        await _page.GetByTestId("task-" + ContractStatus.QualityReviewPending).ClickAsync();

        await _page.WaitForURLAsync(url => url.Contains("status=QualityReviewPending", StringComparison.Ordinal));
        await Expect(_page.GetByTestId("contract-link-" + number)).ToBeVisibleAsync();
        var statuses = await _page.GetByTestId("contract-row-status").AllInnerTextsAsync();
        statuses.ShouldAllBe(s => s.Trim() == ContractStatusText.Label(ContractStatus.QualityReviewPending));
    }
}
