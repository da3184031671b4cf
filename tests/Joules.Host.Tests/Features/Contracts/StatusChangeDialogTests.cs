using System.Globalization;
using Bunit;
using Joules.Core.Domain.Contracts;
using Joules.Host.Features.Contracts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Contracts;

public sealed class StatusChangeDialogTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly List<(ContractStatus To, string? Reason)> _executed = [];
    private readonly List<ContractStatus> _changed = [];
    private string? _refusal;

    public StatusChangeDialogTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ContractStatusActions> Actions) Render(ContractStatus status)
    {
        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        var actions = _ctx.Render<ContractStatusActions>(p => p
            .Add(x => x.ContractNumber, "V-42")
            .Add(x => x.Status, status)
            .Add(x => x.Execute, (to, reason) =>
            {
                _executed.Add((to, reason));
                return Task.FromResult(_refusal);
            })
            .Add(x => x.OnChanged, to => _changed.Add(to)));
        return (dialogs, actions);
    }

    [Fact]
    public void Offers_exactly_the_allowed_next_statuses()
    {
        var (_, actions) = Render(ContractStatus.CreditCheckPending);

        var offered = actions.FindAll("button[data-testid^=status-action-]").Select(b => b.GetAttribute("data-testid") ?? "").ToList();

        offered.ShouldBe(ContractWorkflow.AllowedFrom(ContractStatus.CreditCheckPending).Select(s => "status-action-" + s).ToList());
        actions.Markup.ShouldContain(ContractStatusText.Label(ContractStatus.CreditCheckPassed));
    }

    [Fact]
    public void Final_status_offers_no_change()
    {
        var (_, actions) = Render(ContractStatus.Withdrawn);

        actions.FindAll("button[data-testid^=status-action-]").ShouldBeEmpty();
        actions.Find("[data-testid=status-final]").TextContent.ShouldContain("Endstatus");
    }

    [Fact]
    public void Confirm_stays_disabled_until_a_required_reason_is_entered()
    {
        var (dialogs, actions) = Render(ContractStatus.Captured);
        ContractWorkflow.RequiresReason(ContractStatus.NeedsClarification).ShouldBeTrue();

        actions.Find("button[data-testid=status-action-NeedsClarification]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=status-confirm]").HasAttribute("disabled").ShouldBeTrue());
        dialogs.Find("[data-testid=status-question]").TextContent.ShouldContain("„Erfasst“ nach „In Klärung“");
        dialogs.Markup.ShouldContain("Begründung (Pflicht)");

        dialogs.Find("textarea").Input("   ");
        dialogs.Find("button[data-testid=status-confirm]").HasAttribute("disabled").ShouldBeTrue();

        dialogs.Find("textarea").Input("Zählernummer fehlt");
        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=status-confirm]").HasAttribute("disabled").ShouldBeFalse());
        dialogs.Find("button[data-testid=status-confirm]").Click();

        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=status-confirm]").ShouldBeEmpty());
        _executed.ShouldBe([(ContractStatus.NeedsClarification, "Zählernummer fehlt")]);
        _changed.ShouldBe([ContractStatus.NeedsClarification]);
    }

    [Fact]
    public void Reason_is_optional_where_the_workflow_does_not_require_one()
    {
        var (dialogs, actions) = Render(ContractStatus.Captured);

        actions.Find("button[data-testid=status-action-CreditCheckPending]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("button[data-testid=status-confirm]").HasAttribute("disabled").ShouldBeFalse());
        dialogs.Markup.ShouldContain("Begründung (optional)");
        dialogs.Find("button[data-testid=status-confirm]").Click();
        dialogs.WaitForAssertion(() => _executed.ShouldBe([(ContractStatus.CreditCheckPending, null)]));
    }

    [Fact]
    public void Refused_change_keeps_the_dialog_open_with_the_message()
    {
        _refusal = "Die Widerrufsfrist ist am 01.01.2026 abgelaufen.";
        var (dialogs, actions) = Render(ContractStatus.Captured);

        actions.Find("button[data-testid=status-action-Withdrawn]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("textarea"));
        dialogs.Find("textarea").Input("Kunde widerruft");
        dialogs.Find("button[data-testid=status-confirm]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=status-error]").TextContent.ShouldContain("Widerrufsfrist"));
        dialogs.FindAll("button[data-testid=status-confirm]").Count.ShouldBe(1);
        _changed.ShouldBeEmpty();
    }
}
