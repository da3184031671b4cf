using System.Globalization;
using Bunit;
using Joules.Core.Domain.Contracts;
using Joules.Host.Features.Contracts;
using Joules.Host.Tests.Features.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Contracts;

public sealed class ContractCreditTests : IAsyncLifetime
{
    private CreditHost _host = null!;
    private readonly BunitContext _ctx = new();

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _host = await CreditHost.StartAsync();
        var (_, actions) = await _host.ReviewerAsync();
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

    private IRenderedComponent<ContractCredit> Panel(Contract contract, Action? changed = null) =>
        _ctx.Render<ContractCredit>(p => p
            .Add(x => x.ContractId, contract.Id)
            .Add(x => x.ContractNumber, contract.ContractNumber)
            .Add(x => x.Status, contract.Status)
            .Add(x => x.OnChanged, () => changed?.Invoke()));

    [Fact]
    public async Task Shows_a_reused_answer_as_such()
    {
        var first = await _host.CheckedAsync((await _host.PendingContractAsync("Grenzfall")).Id);
        var second = await _host.CheckedAsync((await _host.PendingContractAsync("Grenzfall")).Id);

        var fresh = Panel(first);
        fresh.WaitForAssertion(() => fresh.Find("[data-testid=credit-check]"));
        fresh.FindAll("[data-testid=credit-check-reused]").ShouldBeEmpty();
        fresh.Find("[data-testid=credit-check-trigger]").TextContent.ShouldBe("automatisch");

        var reused = Panel(second);
        reused.WaitForAssertion(() => reused.Find("[data-testid=credit-check-reused]").TextContent.ShouldBe("wiederverwendet"));
        reused.Find("[data-testid=credit-answer-reused]").TextContent.ShouldContain("wiederverwendete Auskunft vom");
        reused.Find("[data-testid=credit-answer-bureau]").TextContent.ShouldContain("SCHUFA");
        reused.Find("[data-testid=credit-check-decision]").TextContent.ShouldBe("Manuelle Prüfung");
        reused.Find("[data-testid=credit-review-link]").GetAttribute("href").ShouldNotBeNull().ShouldContain("credit/reviews?q=" + second.ContractNumber);
    }

    [Fact]
    public async Task Contesting_a_reject_requires_a_reason_and_then_sends_the_contract_to_manual_review()
    {
        var rejected = await _host.CheckedAsync((await _host.PendingContractAsync("Negativ")).Id);
        rejected.Status.ShouldBe(ContractStatus.CreditCheckRejected);
        var changed = 0;
        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var panel = Panel(rejected, () => changed++);
        panel.WaitForAssertion(() => panel.Find("[data-testid=credit-answer-features]").TextContent.ShouldContain("INKASSO"));

        await panel.InvokeAsync(() => panel.Find("[data-testid=credit-contest]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=contest-confirm]"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=contest-confirm]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Bitte geben Sie an, was der Kunde gegen die Ablehnung vorbringt."));
        (await _host.ContractAsync(rejected.Id)).Status.ShouldBe(ContractStatus.CreditCheckRejected);
        changed.ShouldBe(0);

        dialogs.Find("textarea[data-testid=contest-reason], [data-testid=contest-reason] textarea").Input("Inkasso-Forderung ist bezahlt, Beleg liegt vor");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=contest-confirm]").Click());

        panel.WaitForAssertion(() => changed.ShouldBe(1));
        var contract = await _host.ContractAsync(rejected.Id);
        contract.Status.ShouldBe(ContractStatus.CreditCheckManualReview);
        contract.History.OrderByDescending(h => h.At).First().Reason.ShouldNotBeNull().ShouldContain("Inkasso-Forderung ist bezahlt");
    }

    [Fact]
    public async Task Checking_by_button_asks_the_bureau_and_a_refused_check_shows_the_reason()
    {
        await _host.ChecksByButtonOnlyAsync();
        var (id, _) = await _host.PendingContractAsync("Grenzfall");
        var pending = await _host.ContractAsync(id);
        pending.Status.ShouldBe(ContractStatus.CreditCheckPending);
        var changed = 0;
        var snackbar = _ctx.Render<MudSnackbarProvider>();
        var panel = Panel(pending, () => changed++);
        panel.WaitForAssertion(() => panel.Find("[data-testid=credit-empty]").TextContent.ShouldBe("Noch keine Bonitätsprüfung."));

        await panel.InvokeAsync(() => panel.Find("[data-testid=credit-run]").Click());

        panel.WaitForAssertion(() => changed.ShouldBe(1));
        panel.WaitForAssertion(() => panel.Find("[data-testid=credit-check-trigger]").TextContent.ShouldBe("per Knopf"));
        snackbar.Markup.ShouldContain("Bonitätsprüfung: Manuelle Prüfung");
        (await _host.ContractAsync(id)).Status.ShouldBe(ContractStatus.CreditCheckManualReview);

        // The page has not re-rendered the panel yet: a second click is refused by Core with its message, nothing changes.
        await panel.InvokeAsync(() => panel.Find("[data-testid=credit-run]").Click());
        snackbar.WaitForAssertion(() => snackbar.Markup.ShouldContain("Eine Bonitätsprüfung ist nur im Status"));
        changed.ShouldBe(1);
        (await _host.QueryAsync(db => db.CreditChecks.CountAsync(c => c.ContractId == id))).ShouldBe(1);
    }
}
