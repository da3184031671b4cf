using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Plugins;

/// <summary>An administrator uploads a plugin package: the plugin's menu entry appears in a page that was already
/// open, its page works (with the plugin's own injected service) and a direct link to it works too.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PluginUploadFlowTests(BrowserApp app) : BrowserTest(app)
{
    private IPage _alreadyOpen = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _alreadyOpen = await Page.Context.NewPageAsync();
    }

    [Fact]
    public async Task Admin_uploads_a_package_and_its_menu_entry_and_page_go_live()
    {
        await Page.SignInAsync("admin", DemoUsers.Password);
        await _alreadyOpen.OpenAsync("/");
        await Expect(_alreadyOpen.Locator("a[href='test-notes']")).ToHaveCountAsync(0);

        await Page.OpenAsync("/admin/plugins");
        var row = Page.GetByTestId("plugin-joules.test.notes");
        var package = E2EApp.TestPluginPackage("joules.test.notes");
        await Page.UntilShownAsync(() => Page.Locator("input[type=file][accept='.joules']").SetInputFilesAsync(package), row);
        await Expect(Page.GetByTestId("plugin-table")).ToContainTextAsync("Aktiv");

        var entry = _alreadyOpen.Locator("a[href='test-notes']");
        await Expect(entry).ToBeVisibleAsync();
        await entry.ClickAsync();
        await Expect(_alreadyOpen.Locator("h1.notes-title")).ToHaveTextAsync("Notizen (Test)");
        await _alreadyOpen.Locator("input[data-testid=note-text], [data-testid=note-text] input").First.FillAsync("Zählerstand nachfragen");
        await _alreadyOpen.GetByTestId("note-add").ClickAsync();
        await Expect(_alreadyOpen.GetByTestId("notes")).ToContainTextAsync("Zählerstand nachfragen");

        var direct = await Page.Context.NewPageAsync();
        await direct.OpenAsync("/test-notes");
        await Expect(direct.GetByTestId("notes")).ToContainTextAsync("Zählerstand nachfragen");
    }
}
