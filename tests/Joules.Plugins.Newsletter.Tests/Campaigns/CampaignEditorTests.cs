using Bunit;
using Joules.Plugins.Newsletter.Campaigns;
using Joules.Plugins.Newsletter.Model;
using MudBlazor;

namespace Joules.Plugins.Newsletter.Tests.Campaigns;

public sealed class CampaignEditorTests : IAsyncLifetime
{
    private CampaignTestApp _app = null!;

    public async Task InitializeAsync() => _app = await CampaignTestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IRenderedComponent<CampaignEditorPage> Render(long? id = null)
    {
        _app.Ctx.Render<MudPopoverProvider>();
        _app.Ctx.Render<MudSnackbarProvider>();
        var page = _app.Ctx.Render<CampaignEditorPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=campaign-title]"));
        return page;
    }

    private static void Type(IRenderedComponent<CampaignEditorPage> page, string testId, string value) =>
        page.Find($"textarea[data-testid={testId}], input[data-testid={testId}], [data-testid={testId}] textarea, [data-testid={testId}] input").Change(value);

    [Fact]
    public async Task Save_without_a_name_names_the_field_and_stores_nothing()
    {
        var page = Render();
        page.Find("[data-testid=campaign-title]").TextContent.ShouldBe("Neue Kampagne");
        Type(page, "campaign-subject", "Neuigkeiten aus Sonnental");

        page.Find("[data-testid=campaign-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=campaign-error]").TextContent.ShouldBe("Bitte einen Namen für die Kampagne angeben."));
        page.FindAll(".mud-input-helper-text.mud-input-error").ShouldContain(e => e.TextContent.Contains("Bitte einen Namen"));
        (await _app.CampaignsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_without_a_list_asks_for_one()
    {
        var page = Render();
        Type(page, "campaign-name", "Winteraktion");
        Type(page, "campaign-subject", "Warm durch den Winter");

        page.Find("[data-testid=campaign-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=campaign-error]").TextContent.ShouldBe("Bitte mindestens einen Verteiler wählen."));
        (await _app.CampaignsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Liquid_syntax_error_is_shown_with_part_line_and_column_and_not_saved()
    {
        var id = await _app.AddDraftAsync();
        var page = Render(id);
        Type(page, "campaign-html", "<p>Hallo {{ subscriber.first_name }},</p>\n<p>Ihr Tarif</p>\n{% if subscriber.city %}<p>in {{ subscriber.city }</p>");

        page.Find("[data-testid=campaign-save]").Click();

        page.WaitForAssertion(() =>
        {
            var error = page.Find("[data-testid=campaign-error]").TextContent;
            error.ShouldStartWith("HTML-Teil: Syntaxfehler in Zeile 3, Spalte");
        });
        (await _app.CampaignsAsync()).Single().HtmlBody.ShouldBe("<p>Hallo</p>");
    }

    [Fact]
    public async Task Text_part_is_made_from_the_html_with_link_addresses()
    {
        var id = await _app.AddDraftAsync();
        var page = Render(id);
        Type(page, "campaign-html", "<h1>Neuer Tarif</h1><p>Jetzt <a href=\"https://www.stadtwerke-sonnental.de/tarife\">Tarif ansehen</a>.</p>");

        page.Find("[data-testid=campaign-text-from-html] ").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=campaign-text] textarea, textarea[data-testid=campaign-text]").GetAttribute("value")
            .ShouldBe("Neuer Tarif\n\nJetzt Tarif ansehen (https://www.stadtwerke-sonnental.de/tarife)."));
    }

    [Fact]
    public async Task Preview_renders_the_chosen_variant_through_the_preview_service()
    {
        var id = await _app.AddDraftAsync(c => { c.AbTest = AbTestKind.Subject; c.SubjectB = "Nur heute: Wärmepumpentarif"; });
        var page = Render(id);

        var variant = page.FindComponent<MudSelect<byte>>();
        await page.InvokeAsync(() => variant.Instance.ValueChanged.InvokeAsync(1));
        page.Find("[data-testid=preview-render]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=preview-subject]").TextContent.ShouldContain("Nur heute: Wärmepumpentarif"));
        _app.Preview.Renders.ShouldHaveSingleItem().ShouldBe(("Hallo {{ subscriber.first_name }}", (byte)1, (long?)null));
        page.Find("iframe[data-testid=preview-frame-desktop]").GetAttribute("srcdoc").ShouldBe("<p>Vorschau Variante B</p>");
        page.Find("iframe[data-testid=preview-frame-phone]").GetAttribute("style")!.ShouldContain("375px");
        page.Find("iframe[data-testid=preview-frame-desktop]").GetAttribute("sandbox").ShouldBe("");
    }

    [Fact]
    public async Task Test_send_checks_the_address_and_sends_through_the_preview_service()
    {
        var id = await _app.AddDraftAsync();
        var page = Render(id);
        Type(page, "preview-test-address", "kein-postfach");
        page.Find("[data-testid=preview-test-send]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=preview-test-error]").TextContent.ShouldBe("Testadresse: „kein-postfach“ ist keine gültige E-Mail-Adresse."));
        _app.Preview.Tests.ShouldBeEmpty();

        Type(page, "preview-test-address", "pruefer@example.com");
        page.Find("[data-testid=preview-test-send]").Click();
        page.WaitForAssertion(() => _app.Preview.Tests.ShouldHaveSingleItem().ShouldBe(((byte)0, "pruefer@example.com")));
    }

    [Fact]
    public async Task Send_now_asks_for_confirmation_with_the_recipient_count()
    {
        var id = await _app.AddDraftAsync();
        var dialogs = _app.Ctx.Render<MudDialogProvider>();
        var page = Render(id);

        page.Find("[data-testid=campaign-send-now]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.ShouldContain("Die Kampagne „Herbstaktion“ jetzt an 1.234 Empfänger senden?"));
        _app.Commands.Calls.ShouldBeEmpty();
        var yes = dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Jetzt senden"));
        yes.Click();
        page.WaitForAssertion(() => _app.Commands.Calls.ShouldBe([$"send:{id}"]));
    }

    [Fact]
    public async Task Sent_campaign_is_read_only_and_links_to_report_and_heatmap()
    {
        var id = await _app.AddDraftAsync(c => c.Status = CampaignStatus.Sent);
        var page = Render(id);

        page.Find("[data-testid=campaign-read-only]").TextContent.ShouldContain("Nur Entwürfe können bearbeitet werden");
        page.FindAll("[data-testid=campaign-save]").ShouldBeEmpty();
        page.FindAll("[data-testid=campaign-send-now]").ShouldBeEmpty();
        page.Find("[data-testid=campaign-report-link]").GetAttribute("href").ShouldBe($"newsletter/kampagnen/{id}/bericht");
    }
}

public sealed class CampaignEditorWithoutSendingTests : IAsyncLifetime
{
    private CampaignTestApp _app = null!;

    public async Task InitializeAsync() => _app = await CampaignTestApp.CreateAsync(withSending: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Without_the_sending_part_preview_and_sending_say_they_are_not_available()
    {
        var id = await _app.AddDraftAsync();
        _app.Ctx.Render<MudPopoverProvider>();
        var page = _app.Ctx.Render<CampaignEditorPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=preview-unavailable]"));

        page.Find("[data-testid=campaign-send-now]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=campaign-commands-unavailable]").TextContent.ShouldContain("nicht verfügbar"));
    }
}
