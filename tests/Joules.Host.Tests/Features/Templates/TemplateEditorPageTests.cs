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
        page.Find("[data-testid=template-check]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=template-syntax-error]").TextContent.ShouldContain("Textteil: Syntaxfehler in Zeile 3, Spalte"));

        page.Find("[data-testid=template-save]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=template-error]").TextContent.ShouldContain("Zeile 3, Spalte"));
        var service = _ctx.Services.GetRequiredService<MessageTemplateService>();
        (await service.VersionsAsync(_brand, MessageTemplateKeys.ContractCreated, "de")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_variable_is_a_warning_and_the_template_is_saved_as_version_1()
    {
        var page = RenderPage();
        Type(page, "template-text", "Hallo {{ tarif.name }}");
        page.Find("[data-testid=template-check]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=template-warning]").TextContent.ShouldContain("tarif.name"));
        page.FindAll("[data-testid=template-syntax-error]").ShouldBeEmpty();

        page.Find("[data-testid=template-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=template-loaded]").TextContent.ShouldContain("Aktuelle Version 1"));
        page.FindAll("[data-testid=template-view-version]").Count.ShouldBe(1);
        var current = await _ctx.Services.GetRequiredService<MessageTemplateService>().CurrentAsync(_brand, MessageTemplateKeys.ContractCreated, "de");
        current.Text.ShouldBe("Hallo {{ tarif.name }}");
        current.CreatedBy.ShouldBe("r.redakteur");
    }

    [Fact]
    public void Preview_renders_the_sample_values_into_a_sandboxed_frame()
    {
        var page = RenderPage();
        page.Find("[data-testid=template-preview]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=template-preview-text]").TextContent.ShouldContain("V-2026-000123"));
        var frame = page.Find("[data-testid=template-preview-html]");
        frame.GetAttribute("sandbox").ShouldBe("");
        frame.GetAttribute("srcdoc")!.ShouldContain("Erika Mustermann");
    }
}
