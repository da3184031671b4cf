using Joules.Core.Domain.Contracts;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Contracts;

[Collection(BrowserCollection.Name)]
public sealed class ContractStatusFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_filters_the_list_opens_a_contract_and_moves_it_to_clarification()
    {
        var (_, number) = await App.CreateContractAsync("Brauckmann");

        await Page.SignInAsync("staff", DemoUsers.Password);
        await Page.OpenAsync("/contracts");
        await Page.FillUntilUrlAsync("contract-filter-text", number, url => url.Contains("q=" + number, StringComparison.Ordinal));
        var link = Page.GetByTestId("contract-link-" + number);
        await Expect(link).ToBeVisibleAsync();

        await link.ClickAsync();
        await Expect(Page.GetByTestId("contract-title")).ToContainTextAsync(number);
        await Expect(Page.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.Captured));

        await Page.GetByTestId("status-action-" + ContractStatus.NeedsClarification).ClickAsync();
        var confirm = Page.GetByTestId("status-confirm");
        await Expect(confirm).ToBeDisabledAsync();
        await Page.Locator(PageSteps.Field("status-reason")).FillAsync("Zählernummer unleserlich");
        await Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();

        var newest = Page.GetByTestId("history-entry").First;
        await Expect(newest.GetByTestId("history-status")).ToContainTextAsync(ContractStatusText.Label(ContractStatus.NeedsClarification));
        await Expect(newest.GetByTestId("history-reason")).ToContainTextAsync("Zählernummer unleserlich");
        await Expect(newest.GetByTestId("history-meta")).ToContainTextAsync("staff");
        await Expect(Page.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.NeedsClarification));
    }

    [Fact]
    public async Task Status_link_from_the_dashboard_filters_the_list()
    {
        var (_, number) = await App.CreateContractAsync("Lindqvist", ContractStatus.QualityReviewPending);

        await Page.SignInAsync("staff", DemoUsers.Password);
        await Page.OpenAsync("/");
        await Page.GetByTestId("task-" + ContractStatus.QualityReviewPending).ClickAsync();

        await Page.WaitForURLAsync(url => url.Contains("status=QualityReviewPending", StringComparison.Ordinal));
        await Expect(Page.GetByTestId("contract-link-" + number)).ToBeVisibleAsync();
        var statuses = await Page.GetByTestId("contract-row-status").AllInnerTextsAsync();
        statuses.ShouldAllBe(s => s.Trim() == ContractStatusText.Label(ContractStatus.QualityReviewPending));
    }
}
