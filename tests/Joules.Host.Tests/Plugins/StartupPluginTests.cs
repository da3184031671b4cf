using System.Net;
using System.Text.RegularExpressions;
using Joules.Core.Data;
using Joules.Core.Events;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>Plugins present at startup: prerendered pages with the plugin's own services and scoped CSS, event
/// handlers, live disable/enable, and a faulty plugin that leaves everything else running.</summary>
public class StartupPluginTests : IClassFixture<StartupPluginTests.Host>
{
    public sealed class Host() : PluginHost(developmentLicence: true, TestPlugins.Notes, TestPlugins.Faulty);

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly Host _app;

    public StartupPluginTests(Host app) => _app = app;

    [Fact]
    public async Task Faulty_plugin_is_isolated_and_shows_its_error()
    {
        _ = _app.Services;
        var faulty = _app.Registry.Find(TestPlugins.Faulty).ShouldNotBeNull();
        faulty.State.ShouldBe(PluginState.Faulted);
        faulty.Fault.ShouldNotBeNull().ShouldContain("Absichtlicher Fehler beim Konfigurieren");
        _app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.Active, _app.Registry.Find(TestPlugins.Notes)!.Fault);

        var admin = await SignedInClient.CreateAsync(_app);
        (await admin.GetAsync("/contracts")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Startup_plugin_page_prerenders_with_its_own_services_and_scoped_css()
    {
        var admin = await SignedInClient.CreateAsync(_app);
        var html = await admin.GetStringAsync("/test-notes");
        html.ShouldContain("<h1 class=\"notes-title\" b-");
        html.ShouldContain("data-testid=\"notes\"");

        var stylesheet = Regex.Match(html, "<link rel=\"stylesheet\" href=\"(_content/Joules.TestPlugins.Notes/[^\"]+)\"").Groups[1].Value;
        stylesheet.ShouldNotBeEmpty("no stylesheet link for the plugin");
        var css = await admin.GetStringAsync("/" + stylesheet);
        css.ShouldContain("rgb(10, 120, 60)");
    }

    [Fact]
    public async Task Plugin_event_handler_receives_core_events()
    {
        await PublishCustomerCreatedAsync("K-EVENT-1");
        (await PluginHost.WaitUntilAsync(async () => await PluginDatabase.CountNotesAsync(_app.DataFolder, "event:") > 0, Within))
            .ShouldBeTrue($"the plugin's event handler did not write a note: {_app.Registry.Find(TestPlugins.Notes)!.Fault}");
    }

    [Fact]
    public async Task Disable_and_enable_take_effect_live()
    {
        var anonymous = _app.CreateClient();
        (await anonymous.GetAsync("/plugins/joules.test.notes/count")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await AdministerAsync(a => a.DisableAsync(TestPlugins.Notes));
        _app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.Disabled);
        (await anonymous.GetAsync("/plugins/joules.test.notes/count")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var admin = await SignedInClient.CreateAsync(_app);
        (await admin.GetStringAsync("/")).ShouldNotContain("href=\"test-notes\"");

        await AdministerAsync(a => a.EnableAsync(TestPlugins.Notes));
        _app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.Active);
        (await anonymous.GetAsync("/plugins/joules.test.notes/count")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetStringAsync("/")).ShouldContain("href=\"test-notes\"");

        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            var actions = await db.AuditEntries.Where(a => a.EntityId == TestPlugins.Notes).Select(a => a.Action).ToListAsync();
            actions.ShouldContain("Plugins.Disabled");
            actions.ShouldContain("Plugins.Enabled");
        });
    }

    private Task AdministerAsync(Func<IPluginAdministration, Task> action) =>
        _app.WithScopeAsync(s => action(s.GetRequiredService<IPluginAdministration>()));

    internal Task PublishCustomerCreatedAsync(string number) => _app.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<JoulesDbContext>();
        db.Publish(new CustomerCreated(Guid.NewGuid(), null, number));
        await db.SaveChangesAsync();
    });
}
