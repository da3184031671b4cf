using Bunit;
using Joules.Core.Domain.Credit;
using Joules.Host.Features.Credit.Rules;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Tests.Features.Credit;

public sealed class ScoreRulesPageTests : CreditPageTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ScoreRulesPage> Page) RenderPage()
    {
        Ctx.Render<MudPopoverProvider>();
        Ctx.Render<MudSnackbarProvider>();
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Ctx.Render<ScoreRulesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=rule-preview]").TextContent.ShouldNotContain("…"), Wait);
        page.WaitForAssertion(() => page.FindAll("[data-testid=rules-empty], [data-testid=rules-group]").ShouldNotBeEmpty(), Wait);
        return (dialogs, page);
    }

    private static void Type(IRenderedComponent<MudDialogProvider> dialogs, string testId, string value) =>
        dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input").Input(value);

    [Fact]
    public void Without_checks_the_preview_shows_its_empty_state()
    {
        var (_, page) = RenderPage();

        page.WaitForAssertion(() => page.Find("[data-testid=rule-preview-empty]").TextContent
            .ShouldBe("Noch keine Prüfungen – die Vorschau füllt sich mit den ersten Bonitätsprüfungen."), Wait);
        page.Find("[data-testid=rules-empty]").TextContent.ShouldContain("Noch keine Regeln");
    }

    [Fact]
    public async Task Adding_a_rule_in_the_dialog_updates_the_preview_counts_and_saves_the_rule()
    {
        await AddCheckAsync("V-1", 850, CreditDecision.ManualReview);
        await AddCheckAsync("V-2", 650, CreditDecision.ManualReview);
        await AddCheckAsync("V-3", 300, CreditDecision.ManualReview);
        var (dialogs, page) = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=rule-preview-now]").TextContent
            .ShouldBe("Von den letzten 3 Prüfungen: jetzt 0 angenommen / 3 manuell / 0 abgelehnt / 0 Vorauszahlung"), Wait);

        await page.InvokeAsync(() => page.Find("[data-testid=rules-add]").Click());

        // The draft starts with the product the checks came from over its whole scale, deciding "accept".
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=rule-preview-draft]").TextContent
            .ShouldContain("mit Entwurf 3 angenommen / 0 manuell / 0 abgelehnt / 0 Vorauszahlung"), Wait);
        dialogs.Find("[data-testid=rule-preview-changed]").TextContent.ShouldContain("3 Entscheidungen ändern sich");

        Type(dialogs, "rule-min", "800");
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=rule-preview-draft]").TextContent
            .ShouldContain("mit Entwurf 1 angenommen / 2 manuell / 0 abgelehnt"), Wait);
        dialogs.Find("[data-testid=rule-preview-changed]").TextContent.ShouldContain("1 Entscheidung ändert sich");
        var changed = dialogs.FindAll("[data-testid=rule-preview-case]");
        changed.Count.ShouldBe(1);
        changed[0].TextContent.ShouldContain("V-1");
        changed[0].TextContent.ShouldContain("Manuelle Prüfung → Automatisch annehmen");

        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=rule-save]").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("[data-testid=rule-save]").ShouldBeEmpty(), Wait);
        page.WaitForAssertion(() => page.Find("[data-testid=rules-row]").TextContent.ShouldContain("800 – 999"), Wait);
        page.Find("[data-testid=rules-direction]").TextContent.ShouldContain("höher = besser");
        page.Find("[data-testid=rule-preview-now]").TextContent.ShouldContain("jetzt 1 angenommen / 2 manuell");
        await using var db = Db();
        var rule = await db.ScoreRangeRules.SingleAsync();
        (rule.Bureau, rule.Product, rule.Min, rule.Max, rule.Decision).ShouldBe(("schufa", "score-2026", 800m, 999m, CreditDecision.AutoAccept));
    }

    [Fact]
    public async Task An_invalid_range_shows_the_message_next_to_the_field_and_is_not_saved()
    {
        await AddCheckAsync("V-1", 850, CreditDecision.ManualReview);
        var (dialogs, page) = RenderPage();
        await page.InvokeAsync(() => page.Find("[data-testid=rules-add]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=rule-preview-draft]"), Wait);

        Type(dialogs, "rule-min", "700");
        Type(dialogs, "rule-max", "600");

        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Der Von-Wert (700) ist größer als der Bis-Wert (600)."), Wait);
        dialogs.Find("[data-testid=rule-preview-invalid]").TextContent.ShouldContain("ungültig (Der Von-Wert (700)");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=rule-save]").Click());
        dialogs.FindAll("[data-testid=rule-save]").Count.ShouldBe(1);
        await using var db = Db();
        (await db.ScoreRangeRules.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_rule_is_deleted_after_confirmation()
    {
        await using (var db = Db())
        {
            db.ScoreRangeRules.Add(ScoreRangeRule.Range(Brand, "buergel", "concheck", 1.0m, 2.5m, CreditDecision.AutoAccept));
            await db.SaveChangesAsync();
        }
        var (dialogs, page) = RenderPage();
        page.Find("[data-testid=rules-row]").TextContent.ShouldContain("1,0 – 2,5");
        page.Find("[data-testid=rules-direction]").TextContent.ShouldContain("niedriger = besser");

        await page.InvokeAsync(() => page.Find("[data-testid=rules-delete]").Click());
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Regel löschen?"), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Löschen").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=rules-empty]"), Wait);
        await using var check = Db();
        (await check.ScoreRangeRules.CountAsync()).ShouldBe(0);
    }
}
