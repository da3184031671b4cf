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
    /// <summary>Blazor drops clicks made before the circuit is connected: wait for the flag set by Joules.Host.lib.module.js.</summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.WaitForFunctionAsync("() => window.__blazorServerStarted === true");

    public static async Task SignInAsync(this IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page is interactive.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
    }
}
