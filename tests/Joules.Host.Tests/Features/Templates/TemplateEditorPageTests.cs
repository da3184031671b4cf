using System.Globalization;
using Bunit;
using Joules.Core;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Messaging.Templates;
using Joules.Core.Tenancy;
using Joules.Host.Features.Templates;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.Templates;

public sealed class TemplateEditorPageTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("joules-templates-").FullName;
    private readonly BunitContext _ctx = new();
    private DatabaseOptions _options = null!;
    private Guid _brand;

    public async Task InitializeAsync()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "t.db")};Pooling=False" };
        await using (var db = CoreDatabaseRegistration.Create(_options, new SystemUser()))
        {
            await db.Database.MigrateAsync();
            var brand = new Brand("SWM", "Stadtwerke Musterstadt");
            db.Brands.Add(brand);
            await db.SaveChangesAsync();
            _brand = brand.Id;
        }
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddJoulesDatabase(_options);
        _ctx.Services.AddScoped<ICurrentUser>(_ => new SystemUser("r.redakteur"));
        _ctx.Services.AddMessageTemplates();
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private IRenderedComponent<TemplateEditorPage> RenderPage()
    {
        _ctx.Render<MudPopoverProvider>();
        _ctx.Render<MudSnackbarProvider>();
        var page = _ctx.Render<TemplateEditorPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=template-loaded]").TextContent.ShouldContain("Standard"));
        return page;
    }

    private static void Type(IRenderedComponent<TemplateEditorPage> page, string testId, string value) =>
        page.Find($"textarea[data-testid={testId}], input[data-testid={testId}], [data-testid={testId}] textarea, [data-testid={testId}] input").Change(value);

    [Fact]
    public async Task Check_shows_the_syntax_error_with_line_and_column_and_save_is_refused()
    {
        var page = RenderPage();
        page.Find("[data-testid=template-variables]").TextContent.ShouldContain("contract.number");

        Type(page, "template-text", "Hallo {{ customer.name }},\n{% if contract.number %}ohne Ende\n{{ tarif.name }}");
        await page.InvokeAsync(() => page.Find("[data-testid=template-check]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=template-syntax-error]").TextContent.ShouldContain("Textteil: Syntaxfehler in Zeile 3, Spalte"));

        await page.InvokeAsync(() => page.Find("[data-testid=template-save]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=template-error]").TextContent.ShouldContain("Zeile 3, Spalte"));
        var service = _ctx.Services.GetRequiredService<MessageTemplateService>();
        (await service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_variable_is_a_warning_and_the_template_is_saved_as_version_1()
    {
        var page = RenderPage();
        Type(page, "template-text", "Hallo {{ tarif.name }}");
        await page.InvokeAsync(() => page.Find("[data-testid=template-check]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=template-warning]").TextContent.ShouldContain("tarif.name"));
        page.FindAll("[data-testid=template-syntax-error]").ShouldBeEmpty();

        await page.InvokeAsync(() => page.Find("[data-testid=template-save]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=template-loaded]").TextContent.ShouldContain("Aktuelle Version 1"));
        page.FindAll("[data-testid=template-view-version]").Count.ShouldBe(1);
        var current = await _ctx.Services.GetRequiredService<MessageTemplateService>().CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de");
        current.Text.ShouldBe("Hallo {{ tarif.name }}");
        current.CreatedBy.ShouldBe("r.redakteur");
    }

    [Fact]
    public async Task Preview_renders_the_sample_values_into_a_sandboxed_frame()
    {
        var page = RenderPage();
        await page.InvokeAsync(() => page.Find("[data-testid=template-preview]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=template-preview-text]").TextContent.ShouldContain("V-2026-000123"));
        var frame = page.Find("[data-testid=template-preview-html]");
        frame.GetAttribute("sandbox").ShouldBe("");
        frame.GetAttribute("srcdoc")!.ShouldContain("Erika Mustermann");
    }

    /// <summary>Types into a field that updates while typing (the SMS text).</summary>
    private static void TypeLive(IRenderedComponent<TemplateEditorPage> page, string testId, string value) =>
        page.Find($"textarea[data-testid={testId}], [data-testid={testId}] textarea").Input(value);

    [Fact]
    public async Task Sms_counter_shows_two_parts_for_a_161_character_gsm_text()
    {
        var page = RenderPage();
        await page.InvokeAsync(() => page.Find("[data-testid=template-channel-Sms]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=template-sms-counter]"));
        page.FindAll("[data-testid=template-subject]").ShouldBeEmpty();
        page.FindAll("[data-testid=template-html]").ShouldBeEmpty();
        page.Find("[data-testid=template-sms-unavailable]").TextContent.ShouldContain("Kein SMS-Plugin aktiv");

        TypeLive(page, "template-text", new string('a', 160));
        page.WaitForAssertion(() => page.Find("[data-testid=template-sms-segments]").TextContent.ShouldStartWith("1 "));
        page.Find("[data-testid=template-sms-remaining]").TextContent.ShouldContain("0");

        TypeLive(page, "template-text", new string('a', 161));
        page.WaitForAssertion(() => page.Find("[data-testid=template-sms-segments]").TextContent.ShouldStartWith("2 "));
        page.Find("[data-testid=template-sms-characters]").TextContent.ShouldStartWith("161 ");
        page.Find("[data-testid=template-sms-encoding]").TextContent.ShouldBe("GSM-7");
        page.Find("[data-testid=template-sms-remaining]").TextContent.ShouldContain("145");
    }

    [Fact]
    public async Task Sms_counter_measures_the_text_with_sample_values_and_falls_back_to_the_raw_text()
    {
        var page = RenderPage();
        await page.InvokeAsync(() => page.Find("[data-testid=template-channel-Sms]").Click());

        TypeLive(page, "template-text", "Vertrag {{ contract.number }} ist aktiv 😀");
        page.WaitForAssertion(() => page.Find("[data-testid=template-sms-counter]").TextContent.ShouldContain("mit Beispielwerten"));
        page.Find("[data-testid=template-sms-encoding]").TextContent.ShouldBe("UCS-2");
        // "Vertrag V-2026-000123 ist aktiv 😀": 33 characters (the emoji is one)
        page.Find("[data-testid=template-sms-characters]").TextContent.ShouldStartWith("33 ");

        TypeLive(page, "template-text", "Vertrag {% if contract.number %} offen");
        page.WaitForAssertion(() => page.Find("[data-testid=template-sms-counter]").TextContent.ShouldContain("ungerendert"));
        page.Find("[data-testid=template-sms-characters]").TextContent.ShouldStartWith("38 ");
    }

    [Fact]
    public async Task A_messenger_template_has_no_html_part_and_is_saved_without_one()
    {
        var page = RenderPage();
        await page.InvokeAsync(() => page.Find("[data-testid=template-channel-Messenger]").Click());
        page.WaitForAssertion(() => page.FindAll("[data-testid=template-html]").ShouldBeEmpty());
        page.Markup.ShouldContain("Titel");

        Type(page, "template-subject", "Neuer Vertrag {{ contract.number }}");
        Type(page, "template-text", "**{{ customer.name }}** hat einen Vertrag abgeschlossen.");
        await page.InvokeAsync(() => page.Find("[data-testid=template-save]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=template-loaded]").TextContent.ShouldContain("Aktuelle Version 1"));

        var service = _ctx.Services.GetRequiredService<MessageTemplateService>();
        var messenger = await service.CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de", channel: Joules.Core.Domain.Messaging.MessageChannel.Messenger);
        messenger.Version.ShouldBe(1);
        messenger.Html.ShouldBeNull();
        messenger.Subject.ShouldBe("Neuer Vertrag {{ contract.number }}");
        messenger.Text.ShouldBe("**{{ customer.name }}** hat einen Vertrag abgeschlossen.");
        (await service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de")).ShouldBeEmpty(); // mail untouched

        await page.InvokeAsync(() => page.Find("[data-testid=template-channel-Mail]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=template-html]"));
        page.Find("[data-testid=template-loaded]").TextContent.ShouldContain("Standard");
    }
}
