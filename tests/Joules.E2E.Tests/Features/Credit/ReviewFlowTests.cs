using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Credit;

[Collection(BrowserCollection.Name)]
public sealed class ReviewFlowTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_reviewer_takes_a_borderline_case_accepts_it_with_a_reason_and_the_contract_passes()
    {
        await CheckHouseholdsAtSchufaAsync();
        var (id, number) = await App.CreateContractAsync("Grenzfall", ContractStatus.CreditCheckPending);
        (await CheckedAsync(id)).ShouldBe(ContractStatus.CreditCheckManualReview);
        const string reason = "Arbeitgeberbescheinigung liegt vor, Abschlag per Lastschrift";

        await Page.SignInAsync("staff", DemoUsers.Password);
        await Page.OpenAsync("/credit/reviews");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Prüffälle Bonität" })).ToBeVisibleAsync();
        await Page.Locator(PageSteps.Field("review-search")).FillAsync(number);
        var contractLink = Page.GetByTestId("review-contract-" + number);
        await Expect(Page.GetByTestId("review-total")).ToHaveTextAsync("1 Prüffälle");
        var row = Page.Locator("tr", new() { Has = contractLink });
        await Expect(row.GetByTestId("review-row-rule")).ToContainTextAsync("Manuelle Prüfung");

        await row.GetByTestId("review-row-customer").ClickAsync();
        var detail = Page.GetByTestId("review-detail");
        await Expect(detail).ToContainTextAsync(number);
        await Expect(detail.GetByTestId("credit-answer-bureau")).ToContainTextAsync("SCHUFA");
        await detail.GetByTestId("review-assign-me").ClickAsync();
        await Expect(row.GetByTestId("review-row-assigned")).ToHaveTextAsync("Stefan Sachbearbeiter");

        await detail.GetByTestId("review-outcome-Accepted").ClickAsync();
        await Page.Locator(PageSteps.Field("review-reason")).FillAsync(reason);
        await detail.GetByTestId("review-decide").ClickAsync();
        await Expect(Page.GetByText($"Vertrag {number} entschieden")).ToBeVisibleAsync();
        await Expect(contractLink).ToHaveCountAsync(0);

        await Page.OpenAsync($"/contracts/{id}");
        await Expect(Page.GetByTestId("contract-status")).ToHaveTextAsync(ContractStatusText.Label(ContractStatus.CreditCheckPassed));
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Statushistorie" }).ClickAsync();
        var newest = Page.GetByTestId("history-entry").First;
        await Expect(newest.GetByTestId("history-status")).ToContainTextAsync("Bonitätsprüfung bestanden");
        await Expect(newest.GetByTestId("history-reason")).ToContainTextAsync(reason);
        await Expect(newest.GetByTestId("history-meta")).ToContainTextAsync("staff");
    }

    /// <summary>The SCHUFA plugin runs (answering from the simulator) and the demo brand asks SCHUFA (Basisscore) for households
    /// in DE: 95,1–100 accept, 90–95 manual review, below reject.</summary>
    private async Task CheckHouseholdsAtSchufaAsync()
    {
        App.Host.InstallShippedPlugin("joules.credit-schufa");
        for (var attempt = 0; attempt < 200 && !await SchufaAvailableAsync(); attempt++) await Task.Delay(100);
        (await SchufaAvailableAsync()).ShouldBeTrue("the SCHUFA plugin did not start");
        await App.Host.WithScopeAsync(RouteToSchufaAsync);
    }

    private Task<bool> SchufaAvailableAsync() =>
        App.Host.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<ICreditBureauDirectory>().Available.Any(b => b.Id == "schufa")));

    private static async Task<bool> RouteToSchufaAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<JoulesDbContext>();
        var brandId = await db.Brands.Where(b => b.Code == "SWS").Select(b => b.Id).SingleAsync();
        if (await db.BureauRoutes.AnyAsync(r => r.BrandId == brandId && r.Bureau == "schufa")) return true;
        db.BureauRoutes.Add(BureauRoute.Create(brandId, "DE", CustomerType.Household, 1, "schufa", "basisscore"));
        db.ScoreRangeRules.AddRange(
            ScoreRangeRule.Range(brandId, "schufa", "basisscore", 95.1m, 100m, CreditDecision.AutoAccept),
            ScoreRangeRule.Range(brandId, "schufa", "basisscore", 90m, 95m, CreditDecision.ManualReview),
            ScoreRangeRule.Range(brandId, "schufa", "basisscore", 0m, 89.9m, CreditDecision.AutoReject));
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Waits for the host's automatic check of the contract.</summary>
    private async Task<ContractStatus> CheckedAsync(Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = await App.Host.WithScopeAsync(services => services.GetRequiredService<JoulesDbContext>().Contracts.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
            if (status != ContractStatus.CreditCheckPending) return status;
            await Task.Delay(100);
        }
        throw new TimeoutException("The automatic credit check did not run.");
    }
}
