using Joules.E2E.Tests.Infrastructure;
using Joules.Host.Features.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Joules.E2E.Tests.Features.Plugins;

/// <summary>An administrator uploads a plugin package: the plugin's menu entry appears in a page that was already
/// open, its page works (with the plugin's own injected service) and a direct link to it works too.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PluginUploadFlowTests(BrowserApp app) : IAsyncLifetime
{
    private IPage _admin = null!;
    private IPage _alreadyOpen = null!;

    public async Task InitializeAsync()
    {
        _admin = await app.Browser.NewPageAsync(app.Host.BaseUrl);
        _alreadyOpen = await _admin.Context.NewPageAsync();
    }

    public async Task DisposeAsync() => await _admin.Context.DisposeAsync();

    [Fact]
    public async Task Admin_uploads_a_package_and_its_menu_entry_and_page_go_live()
    {
        await _admin.SignInAsync("admin", DemoUsers.Password);
        await _alreadyOpen.OpenAsync("/");
        await Expect(_alreadyOpen.Locator("a[href='test-notes']")).ToHaveCountAsync(0);

        await _admin.OpenAsync("/admin/plugins");
        await _admin.Locator("input[type=file][accept='.joules']").SetInputFilesAsync(E2EApp.TestPluginPackage("joules.test.notes"));
        var row = _admin.GetByTestId("plugin-joules.test.notes");
        await Expect(row).ToBeVisibleAsync();
        await Expect(_admin.GetByTestId("plugin-table")).ToContainTextAsync("Aktiv");

        var entry = _alreadyOpen.Locator("a[href='test-notes']");
        await Expect(entry).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await entry.ClickAsync();
        await Expect(_alreadyOpen.Locator("h1.notes-title")).ToHaveTextAsync("Notizen (Test)");
        await _alreadyOpen.Locator("input[data-testid=note-text], [data-testid=note-text] input").First.FillAsync("Zählerstand nachfragen");
        await _alreadyOpen.GetByTestId("note-add").ClickAsync();
        await Expect(_alreadyOpen.GetByTestId("notes")).ToContainTextAsync("Zählerstand nachfragen");

        var direct = await _admin.Context.NewPageAsync();
        await direct.OpenAsync("/test-notes");
        await Expect(direct.GetByTestId("notes")).ToContainTextAsync("Zählerstand nachfragen");
    }
}
