using System.Net;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;

namespace Joules.Host.Tests.Plugins;

/// <summary>A plugin folder moved into plugins-bin while the host runs becomes live without restart.</summary>
public class LivePluginTests : IClassFixture<LivePluginTests.Host>
{
    public sealed class Host() : PluginHost(developmentLicence: true);

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private readonly Host _app;

    public LivePluginTests(Host app) => _app = app;

    [Fact]
    public async Task Plugin_folder_moved_in_while_running_is_routable_with_nav_entry_job_and_table()
    {
        var admin = await SignedInClient.CreateAsync(_app);
        (await admin.GetStringAsync("/")).ShouldNotContain("test-notes");

        TestPlugins.MoveIn(TestPlugins.Notes, _app.PluginsFolder);

        (await PluginHost.WaitUntilAsync(() => _app.Registry.Find(TestPlugins.Notes)?.State == PluginState.Active, Within))
            .ShouldBeTrue($"not active: {_app.Registry.Find(TestPlugins.Notes)?.Fault}");

        var page = await admin.GetAsync("/test-notes");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("href=\"test-notes\"");
        html.ShouldContain("Notizen (Test)");

        (await PluginDatabase.TableExistsAsync(_app.DataFolder, "joules_test_notes_Notes")).ShouldBeTrue();
        (await PluginHost.WaitUntilAsync(async () => await PluginDatabase.CountNotesAsync(_app.DataFolder, "job:") > 0, Within))
            .ShouldBeTrue("the plugin's job did not write a note");

        var count = await _app.CreateClient().GetAsync("/plugins/joules.test.notes/count");
        count.StatusCode.ShouldBe(HttpStatusCode.OK);
        int.Parse(await count.Content.ReadAsStringAsync()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Unknown_address_answers_404_with_a_page()
    {
        var admin = await SignedInClient.CreateAsync(_app);
        var response = await admin.GetAsync("/no-such-page");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"not-found\"");
    }
}
