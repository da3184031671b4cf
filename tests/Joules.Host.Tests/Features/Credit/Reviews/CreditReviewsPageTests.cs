using System.Globalization;
using Bunit;
using Joules.Core.Domain.Contracts;
using Joules.Host.Features.Credit.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Credit.Reviews;

public sealed class CreditReviewsPageTests : IAsyncLifetime
{
    private CreditHost _host = null!;
    private readonly BunitContext _ctx = new();
    private Guid _reviewerId;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _host = await CreditHost.StartAsync();
        var (userId, actions) = await _host.ReviewerAsync();
        _reviewerId = userId;
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddSingleton(actions);
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<(Guid Id, string Number)> BorderlineCaseAsync()
    {
        var contract = await _host.PendingContractAsync("Grenzfall");
        (await _host.CheckedAsync(contract.Id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        return contract;
    }

    private static void Type(IRenderedComponent<CreditReviewsPage> page, string testId, string value) =>
        page.Find($"textarea[data-testid={testId}], [data-testid={testId}] textarea, input[data-testid={testId}], [data-testid={testId}] input").Input(value);

    [Fact]
    public async Task The_queue_shows_a_borderline_case_with_its_score_and_the_rule_that_matched()
    {
        var (_, number) = await BorderlineCaseAsync();
        var score = await _host.QueryAsync(db => db.CreditChecks.Select(c => c.RawScore).SingleAsync());

        _ctx.Render<MudPopoverProvider>();
        var page = _ctx.Render<CreditReviewsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=review-row-customer]").TextContent.ShouldContain("Grenzfall"));
        page.Find($"[data-testid=review-contract-{number}]").TextContent.ShouldBe(number);
        page.Find("[data-testid=review-row-origin]").TextContent.ShouldBe("Regelentscheidung");
        page.Find("[data-testid=review-row-bureau]").TextContent.ShouldContain("SCHUFA");
        page.Find("[data-testid=review-row-score]").TextContent.ShouldContain(score!.Value.ToString("0.##", CultureInfo.CurrentCulture));
        var rule = page.Find("[data-testid=review-row-rule]").TextContent;
        rule.ShouldContain("90–95");
        rule.ShouldContain("Manuelle Prüfung");
        page.Find("[data-testid=review-row-state]").TextContent.ShouldContain("offen");
    }

    [Fact]
    public async Task Deciding_needs_a_reason_and_then_moves_the_contract_to_passed()
    {
        var (id, number) = await BorderlineCaseAsync();
        _ctx.Render<MudPopoverProvider>();
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var page = _ctx.Render<CreditReviewsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=review-row-customer]"));

        await page.InvokeAsync(() => page.Find("[data-testid=review-row-customer]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=review-detail]").TextContent.ShouldContain(number));
        page.Find("[data-testid=credit-answer-bureau]").TextContent.ShouldContain("SCHUFA");
        page.Find("[data-testid=credit-answer-score]").TextContent.ShouldContain("höher ist besser");

        await page.InvokeAsync(() => page.Find("[data-testid=review-assign-me]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=review-row-assigned]").TextContent.ShouldBe("Sina Prüfer"));
        (await _host.QueryAsync(db => db.CreditReviews.SingleAsync())).AssignedToUserId.ShouldBe(_reviewerId);

        await page.InvokeAsync(() => page.Find("[data-testid=review-outcome-Accepted]").Click());
        Type(page, "review-reason", "zu kurz");
        await page.InvokeAsync(() => page.Find("[data-testid=review-decide]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=review-detail]").TextContent.ShouldContain("bitte mindestens 10 Zeichen"));
        (await _host.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        (await _host.QueryAsync(db => db.CreditReviews.SingleAsync())).IsOpen.ShouldBeTrue();

        Type(page, "review-reason", "Einkommensnachweis liegt vor, Zahlungshistorie einwandfrei");
        await page.InvokeAsync(() => page.Find("[data-testid=review-decide]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=review-empty]").TextContent.ShouldBe("Keine offenen Prüffälle"));
        snackbar.WaitForAssertion(() => snackbar.Markup.ShouldContain($"Vertrag {number} entschieden: jetzt „Bonitätsprüfung bestanden“"));
        var contract = await _host.ContractAsync(id);
        contract.Status.ShouldBe(ContractStatus.CreditCheckPassed);
        var newest = contract.History.OrderByDescending(h => h.At).First();
        newest.Reason.ShouldNotBeNull().ShouldContain("Einkommensnachweis liegt vor");
        newest.Actor.ShouldBe("s.pruefer");
    }
}
