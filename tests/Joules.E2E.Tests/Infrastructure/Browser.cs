using Joules.Host.Features.Demo;
using Microsoft.Playwright;

namespace Joules.E2E.Tests.Infrastructure;

/// <summary>The machine's Debian chromium driven by Playwright (no browser download). Fails with a clear
/// message when chromium is missing.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium not found at {ChromiumPath}. Install the Debian package 'chromium' (apt-get install chromium); browser tests never download a browser.");
        // The first page of a fresh host compiles a lot: give assertions the same patience as actions.
        Assertions.SetDefaultExpectTimeout(30_000);
        var result = new Browser { _playwright = await Playwright.CreateAsync() };
        result._browser = await result._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Args });
        return result;
    }

    /// <summary>A fresh context (own cookies) with German as the browser language.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "de-DE", ViewportSize = new() { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Steps every browser test needs.</summary>
public static class PageSteps
{
    /// <summary>The marker the host's Routes component renders only interactively: it arrives with the render batch that
    /// attaches the page's event handlers.</summary>
    private const string InteractiveMarker = "#joules-interactive";

    /// <summary>Blazor drops clicks and input made before the page is attached to its circuit. The circuit being up is not
    /// enough (its first render batch may still be on its way), so this waits for the host's interactive marker.</summary>
    public static Task WaitForCircuitAsync(this IPage page) => page.MainFrame.WaitForCircuitAsync();

    /// <summary>Like <see cref="WaitForCircuitAsync(IPage)"/> for one frame (e.g. an embedded page in an iframe).</summary>
    public static Task WaitForCircuitAsync(this IFrame frame) =>
        frame.Locator(InteractiveMarker).WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Signs <paramref name="userName"/> in with the demo password, installs the shipped plugin
    /// <paramref name="pluginId"/> when one is named, opens the start page and waits until the navigation shows the entry
    /// leading to <paramref name="href"/> (a plugin's entry shows once the host has activated it). Returns that entry.</summary>
    public static async Task<ILocator> SignInToNavEntryAsync(this IPage page, E2EApp host, string userName, string href, string? pluginId = null)
    {
        await page.SignInAsync(userName, DemoUsers.Password);
        if (pluginId is not null) host.InstallShippedPlugin(pluginId);
        await page.OpenAsync("/");
        var entry = page.Locator($"a.mud-nav-link[href='{href}']");
        await Assertions.Expect(entry).ToBeVisibleAsync();
        return entry;
    }

    /// <summary>A selector of the input of the field with <paramref name="testId"/>: MudBlazor puts test ids on the wrapper
    /// or on the input depending on the component, so both are matched.</summary>
    public static string Field(string testId) =>
        $"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea";

    /// <summary>Opens the MudSelect with <paramref name="testId"/> and picks <paramref name="option"/>. A click that lands
    /// before the page's circuit is interactive is lost, so the select is clicked again until its list shows.</summary>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        var select = page.Locator($"[data-testid={testId}]").First;
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First;
        var open = page.Locator(".mud-popover-open .mud-list-item");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            // A second click on an open list would close it again: click only while no list is open.
            if (await open.CountAsync() == 0) await select.ClickAsync();
            try { await item.WaitForAsync(new() { Timeout = 3000 }); break; }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && attempt < 9) { }
        }
        await item.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(open).ToHaveCountAsync(0);
    }

    /// <summary>Types <paramref name="value"/> into the field with <paramref name="testId"/> until the address matches
    /// <paramref name="url"/>: on a busy machine the component may still be attaching to its circuit when the text lands,
    /// and that input is lost, so the text is typed again.</summary>
    public static async Task FillUntilUrlAsync(this IPage page, string testId, string value, Func<string, bool> url)
    {
        var field = page.Locator(Field(testId));
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0) await field.FillAsync("");
            await field.FillAsync(value);
            try
            {
                await page.WaitForURLAsync(url, new() { Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 7) { }
        }
    }

    /// <summary>Clicks <paramref name="button"/> until <paramref name="shows"/> is visible (see <see cref="UntilShownAsync"/>).</summary>
    public static Task ClickUntilShownAsync(this IPage page, ILocator button, ILocator shows) =>
        page.UntilShownAsync(() => button.ClickAsync(), shows);

    /// <summary>Does <paramref name="action"/> until <paramref name="shows"/> is visible: right after a page load the
    /// circuit may be up before the page's components have attached to it (a file input, for one, attaches its listener
    /// after its first interactive render), and a click or a chosen file in that moment is lost. Gives up after 10 tries.</summary>
    public static async Task UntilShownAsync(this IPage page, Func<Task> action, ILocator shows)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!await shows.IsVisibleAsync()) await action();
            try
            {
                await shows.WaitForAsync(new() { Timeout = 3000 });
                return;
            }
            catch (TimeoutException) when (attempt < 9) { }
        }
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page is interactive.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }
}
