using Joules.Core.Data;
using Joules.Core.Events;
using Joules.Host.Plugins;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>A plugin whose event handler throws is marked faulted; the event is kept for a retry, the host runs on.</summary>
public class FaultyEventHandlerTests : IClassFixture<FaultyEventHandlerTests.Host>
{
    public sealed class Host() : PluginHost(developmentLicence: true, TestPlugins.Notes);

    private readonly Host _app;

    public FaultyEventHandlerTests(Host app) => _app = app;

    [Fact]
    public async Task Throwing_event_handler_faults_the_plugin_and_keeps_the_event()
    {
        _ = _app.Services;
        await _app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<JoulesDbContext>();
            db.Publish(new CustomerCreated(Guid.NewGuid(), null, "FAIL-1"));
            await db.SaveChangesAsync();
        });

        (await PluginHost.WaitUntilAsync(() => _app.Registry.Find(TestPlugins.Notes)?.State == PluginState.Faulted, TimeSpan.FromSeconds(10)))
            .ShouldBeTrue();
        _app.Registry.Find(TestPlugins.Notes)!.Fault.ShouldNotBeNull().ShouldContain("Kunde FAIL-1 abgelehnt");

        // The plugin is marked faulted inside the handler call; the event's error is written right after it.
        StoredDomainEvent? stored = null;
        (await PluginHost.WaitUntilAsync(async () =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            stored = await scope.ServiceProvider.GetRequiredService<JoulesDbContext>().DomainEvents.AsNoTracking()
                .Where(e => e.Payload.Contains("FAIL-1")).SingleAsync();
            return stored.LastError is not null;
        }, TimeSpan.FromSeconds(10))).ShouldBeTrue();
        stored!.DispatchedAt.ShouldBeNull();
        stored.LastError.ShouldNotBeNull().ShouldContain("FAIL-1");

        var admin = await SignedInClient.CreateAsync(_app);
        (await admin.GetStringAsync("/")).ShouldNotContain("href=\"test-notes\"");
    }
}
