using System.Net;
using Joules.Core.Plugins.Licensing;
using Joules.Host.Plugins;
using Joules.Host.Plugins.Runtime;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Host.Tests.Plugins;

/// <summary>Without a licence a plugin is loaded but gated; a licence file makes it active live; after expiry and
/// grace period it is read-only, and its data stays.</summary>
public class LicenceGatingTests
{
    public sealed class Unlicensed() : PluginHost(developmentLicence: false, TestPlugins.Notes);

    [Fact]
    public async Task Unlicensed_plugin_is_gated_until_a_licence_is_installed()
    {
        await using var app = new Unlicensed();
        _ = app.Services;
        var plugin = app.Registry.Find(TestPlugins.Notes).ShouldNotBeNull();
        plugin.State.ShouldBe(PluginState.Unlicensed);
        (await PluginDatabase.TableExistsAsync(app.DataFolder, "joules_test_notes_Notes")).ShouldBeTrue();

        var admin = await SignedInClient.CreateAsync(app);
        (await admin.GetStringAsync("/")).ShouldNotContain("href=\"test-notes\"");
        (await admin.GetStringAsync("/test-notes")).ShouldContain("data-testid=\"plugin-unavailable\"");
        (await app.CreateClient().GetAsync("/plugins/joules.test.notes/count")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        (await PluginDatabase.CountNotesAsync(app.DataFolder, "job:")).ShouldBe(0);
        await app.WithScopeAsync(async s =>
        {
            var runs = await s.GetRequiredService<Joules.Core.Data.JoulesDbContext>().JobRuns
                .Where(r => r.JobGroup == TestPlugins.Notes && r.FinishedAt != null).Select(r => r.Outcome).ToListAsync();
            runs.ShouldNotBeEmpty();
            runs.ShouldAllBe(o => o == Joules.Core.Domain.Plugins.JobRunOutcome.Skipped);
        });

        var summary = await InstallLicenceAsync(app, DateTimeOffset.UtcNow.AddDays(30), graceDays: 14);
        summary.Problem.ShouldBeNull();

        app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.Active);
        (await admin.GetStringAsync("/")).ShouldContain("href=\"test-notes\"");
        (await app.CreateClient().GetAsync("/plugins/joules.test.notes/count")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Expired_plugin_after_grace_period_is_read_only_and_keeps_its_data()
    {
        await using var app = new Unlicensed();
        _ = app.Services;
        await InstallLicenceAsync(app, DateTimeOffset.UtcNow.AddDays(-20), graceDays: 14);

        app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.ReadOnly);
        var admin = await SignedInClient.CreateAsync(app);
        (await admin.GetStringAsync("/")).ShouldContain("href=\"test-notes\"");
        var page = await admin.GetStringAsync("/test-notes");
        page.ShouldContain("data-testid=\"read-only\"");
        page.ShouldNotContain("data-testid=\"note-add\"");
        (await app.CreateClient().GetAsync("/plugins/joules.test.notes/count")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Licence_for_another_installation_is_refused_with_a_reason()
    {
        await using var app = new Unlicensed();
        _ = app.Services;
        var content = Issue(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddDays(30), 14);
        await Should.ThrowAsync<Joules.Core.Domain.Common.DomainException>(() => app.WithScopeAsync(async s =>
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));
            await s.GetRequiredService<IPluginAdministration>().InstallLicenceAsync(stream);
        }));
        app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.Unlicensed);
    }

    [Fact]
    public async Task Licence_for_the_licence_product_unlocks_the_plugin()
    {
        await using var app = new Unlicensed();
        _ = app.Services;
        await InstallLicenceAsync(app, DateTimeOffset.UtcNow.AddDays(30), graceDays: 14, grant: "test-notes");
        app.Registry.Find(TestPlugins.Notes)!.State.ShouldBe(PluginState.Active);
    }

    private static async Task<LicenceSummary> InstallLicenceAsync(PluginHost app, DateTimeOffset expires, int graceDays, string grant = TestPlugins.Notes)
    {
        LicenceSummary? summary = null;
        await app.WithScopeAsync(async s =>
        {
            var admin = s.GetRequiredService<IPluginAdministration>();
            var content = Issue(admin.InstallationId, expires, graceDays, grant);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));
            summary = await admin.InstallLicenceAsync(stream);
        });
        return summary!;
    }

    private static string Issue(string installation, DateTimeOffset expires, int graceDays, string grant = TestPlugins.Notes)
    {
        using var key = DevelopmentKeys.LicencePrivateKey(Path.Combine(TestPlugins.RepoRoot, ".dev-keys"));
        return LicenceIssuer.Issue(new LicencePayload
        {
            LicenceId = "TEST-" + Guid.NewGuid().ToString("N")[..8],
            Licensee = "Stadtwerke Test",
            InstallationId = installation,
            IssuedAt = DateTimeOffset.UtcNow.AddDays(-60),
            Plugins = [new LicensedPlugin { Id = grant, ExpiresAt = expires, GraceDays = graceDays }],
        }, key);
    }
}
