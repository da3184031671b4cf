using Microsoft.Playwright;

namespace Joules.E2E.Tests.Infrastructure;

/// <summary>A browser test on the suite's host: each test gets a fresh page in a context of its own (own cookies, signed
/// out), closed with its context afterwards.</summary>
public abstract class BrowserTest(BrowserApp app) : IAsyncLifetime
{
    /// <summary>The suite's host and chromium.</summary>
    protected BrowserApp App { get; } = app;

    /// <summary>The test's page.</summary>
    protected IPage Page { get; set; } = null!;

    public virtual async Task InitializeAsync() => Page = await App.Browser.NewPageAsync(App.Host.BaseUrl);

    public virtual async Task DisposeAsync() => await Page.Context.DisposeAsync();
}
