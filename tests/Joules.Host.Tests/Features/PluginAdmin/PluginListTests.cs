using System.Globalization;
using System.IO.Compression;
using System.Text;
using Bunit;
using Joules.Core.Plugins;
using Joules.Core.Plugins.Licensing;
using Joules.Host.Features.PluginAdmin;
using Joules.Host.Plugins;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.PluginAdmin;

public sealed class PluginListTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly FakePluginAdministration _admin = new();

    public PluginListTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        _ctx.Services.AddSingleton<IPluginAdministration>(_admin);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private static PluginSummary Plugin(string id, PluginState state, string? reason = null, string version = "1.0.0") => new()
    {
        Id = id, Version = version, DisplayName = "Plugin " + id, State = state, Reason = reason,
    };

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<PluginList> Page) Render()
    {
        _ctx.Render<MudPopoverProvider>();
        var dialogs = _ctx.Render<MudDialogProvider>();
        return (dialogs, _ctx.Render<PluginList>());
    }

    private static byte[] Package(string id, string version)
    {
        var manifest = new PluginManifest
        {
            Id = id, Version = version, DisplayName = "Plugin " + id, CoreContract = "1.0", LicenceProduct = id, EntryAssembly = "Joules.Plugins.Test.dll",
        };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("plugin.json").Open(), Encoding.UTF8);
            writer.Write(manifest.ToJson());
        }
        return buffer.ToArray();
    }

    private static void Upload(IRenderedComponent<PluginList> page, byte[] content, string fileName) =>
        page.FindComponent<PackageUpload>().FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, fileName));

    /// <summary>Uploads on another thread: bUnit's upload returns only once the handler is done, and the handler waits
    /// for the confirmation the test gives.</summary>
    private static Task UploadInBackground(IRenderedComponent<PluginList> page, byte[] content, string fileName)
    {
        var input = page.FindComponent<PackageUpload>().FindComponent<InputFile>();
        return Task.Run(() => input.UploadFiles(InputFileContent.CreateFromBinary(content, fileName)));
    }

    private static void Click(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == text).Click();

    [Fact]
    public void Lists_every_plugin_with_its_state_and_reason()
    {
        var longReason = "Die Migration von notes ist fehlgeschlagen: " + new string('x', 300) + " ENDE-DER-MELDUNG";
        _admin.Plugins.AddRange([
            Plugin("newsletter", PluginState.Active),
            Plugin("crm-sync", PluginState.Unlicensed, "Keine gültige Lizenz nennt dieses Plugin."),
            Plugin("archive", PluginState.ReadOnly, "Lizenz und Kulanzfrist sind abgelaufen."),
            Plugin("old", PluginState.Disabled),
            Plugin("notes", PluginState.Faulted, longReason),
        ]);

        var (_, page) = Render();

        page.FindAll("[data-testid=plugin-state]").Select(e => e.TextContent.Trim())
            .ShouldBe(["Aktiv", "Nicht lizenziert", "Nur lesen", "Deaktiviert", "Fehlerhaft"]);
        page.Markup.ShouldContain("Keine gültige Lizenz nennt dieses Plugin.");
        page.Markup.ShouldContain("Lizenz und Kulanzfrist sind abgelaufen.");
        page.Markup.ShouldNotContain("ENDE-DER-MELDUNG");

        page.Find("[data-testid=plugin-reason-toggle]").Click();

        page.Markup.ShouldContain("ENDE-DER-MELDUNG");
        page.Markup.ShouldContain("plugin-retry");
    }

    [Fact]
    public void Shows_licence_expiry_grace_warning_contents_and_restart_hint()
    {
        _admin.Plugins.Add(Plugin("newsletter", PluginState.Active) with
        {
            Licence = new PluginLicenceStatus
            {
                PluginId = "newsletter", State = LicenceState.GracePeriod, Reason = "Kulanzfrist",
                ExpiresAt = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), GraceEndsAt = new DateTimeOffset(2026, 4, 14, 0, 0, 0, TimeSpan.Zero),
            },
            Pages = ["/newsletter"], Jobs = ["send-queue"], Tables = ["newsletter_Mailings"], RestartRecommended = true,
        });

        var (_, page) = Render();

        page.Find("[data-testid=plugin-grace]").TextContent.ShouldContain("Kulanzfrist bis 14.04.2026");
        page.Markup.ShouldContain("newsletter_Mailings");
        page.Markup.ShouldContain("send-queue");
        page.Find("a[href=newsletter]").TextContent.ShouldBe("/newsletter");
        page.Find("[data-testid=restart-hint]").TextContent.ShouldContain("Neustart");
        page.Find("[data-testid=plugin-restart-hint]");
    }

    [Fact]
    public void Empty_state_invites_to_install_a_package()
    {
        var (_, page) = Render();

        page.Find("[data-testid=plugin-empty]").TextContent.ShouldContain("Keine Plugins installiert");
        page.Find("[data-testid=licence-table]").TextContent.ShouldContain("Noch keine Lizenz installiert");
        page.Markup.ShouldContain("inst-0f3c9a");
    }

    [Fact]
    public void Shows_the_refusal_message_when_a_package_is_refused()
    {
        _admin.Refusal = new PluginPackageException("Die Signatur des Pakets ist ungültig.");
        var (_, page) = Render();

        Upload(page, [1, 2, 3], "kaputt.joules");

        page.WaitForAssertion(() => page.Find("[data-testid=package-error]").TextContent.ShouldContain("Die Signatur des Pakets ist ungültig."));
        page.Find("[data-testid=package-error]").TextContent.ShouldContain("kaputt.joules");
        _admin.Calls.ShouldBe(["install:kaputt.joules"]);
        _admin.Plugins.ShouldBeEmpty();
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_plugin_package_without_calling_the_runtime()
    {
        var (_, page) = Render();

        Upload(page, [1, 2, 3], "vertraege.csv");

        page.WaitForAssertion(() => page.Find("[data-testid=package-error]").TextContent.ShouldContain(".joules"));
        _admin.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Asks_before_replacing_an_installed_version()
    {
        _admin.CanRestart = false;
        _admin.Plugins.Add(Plugin("notes", PluginState.Active, version: "1.0.0"));
        var (dialogs, page) = Render();

        var upload = UploadInBackground(page, Package("notes", "2.0.0"), "notes-2.0.0.joules");

        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Version 2.0.0 ersetzt Version 1.0.0 von „Plugin notes“"));
        dialogs.Markup.ShouldContain("erst beim nächsten Neustart");
        _admin.Calls.ShouldBeEmpty();

        Click(dialogs, "Ersetzen");

        await upload.WaitAsync(TimeSpan.FromSeconds(30));
        _admin.Calls.ShouldBe(["install:notes-2.0.0.joules"]);
        _admin.Plugins.Single().Version.ShouldBe("2.0.0");
    }

    [Fact]
    public async Task Cancelling_the_replacement_installs_nothing()
    {
        _admin.Plugins.Add(Plugin("notes", PluginState.Active, version: "1.0.0"));
        var (dialogs, page) = Render();

        var upload = UploadInBackground(page, Package("notes", "0.9.0"), "notes-0.9.0.joules");
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Version 0.9.0 ersetzt Version 1.0.0"));
        Click(dialogs, "Abbrechen");

        await upload.WaitAsync(TimeSpan.FromSeconds(30));
        _admin.Calls.ShouldBeEmpty();
        _admin.Plugins.Single().Version.ShouldBe("1.0.0");
    }

    [Fact]
    public void A_new_plugin_is_installed_without_asking()
    {
        var (_, page) = Render();

        Upload(page, Package("newsletter", "1.2.0"), "newsletter.joules");

        page.WaitForAssertion(() => page.FindAll("[data-testid=plugin-state]").Count.ShouldBe(1));
        _admin.Calls.ShouldBe(["install:newsletter.joules"]);
        page.Markup.ShouldContain("Plugin newsletter");
    }

    [Fact]
    public void A_refused_licence_file_shows_why_and_an_accepted_one_is_listed()
    {
        _admin.Refusal = new Joules.Core.Domain.Common.DomainException("Die Lizenz gilt für eine andere Installation.");
        var (_, page) = Render();
        var input = page.FindComponent<LicencePanel>().FindComponent<InputFile>();

        input.UploadFiles(InputFileContent.CreateFromText("{}", "fremd.lic"));

        page.WaitForAssertion(() => page.Find("[data-testid=licence-error]").TextContent.ShouldContain("Die Lizenz gilt für eine andere Installation."));

        _admin.Refusal = null;
        input.UploadFiles(InputFileContent.CreateFromText("{}", "sonnental.lic"));

        page.WaitForAssertion(() => page.Find("[data-testid=licence-table]").TextContent.ShouldContain("Stadtwerke Sonnental"));
        page.FindAll("[data-testid=licence-error]").ShouldBeEmpty();
        _admin.Calls.ShouldBe(["licence", "licence"]);
    }

    [Fact]
    public void Remove_asks_first_and_says_the_data_is_kept()
    {
        _admin.Plugins.Add(Plugin("notes", PluginState.Active));
        var (dialogs, page) = Render();

        page.Find("[data-testid=plugin-remove]").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Tabellen und Daten bleiben erhalten"));
        Click(dialogs, "Abbrechen");
        _admin.Calls.ShouldBeEmpty();

        page.Find("[data-testid=plugin-remove]").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Plugin entfernen?"));
        Click(dialogs, "Entfernen");

        page.WaitForAssertion(() => _admin.Calls.ShouldBe(["remove:notes"]));
    }

    [Fact]
    public void Switching_a_plugin_off_and_on_calls_the_runtime()
    {
        _admin.Plugins.Add(Plugin("notes", PluginState.Active));
        _admin.Plugins.Add(Plugin("old", PluginState.Disabled));
        var (_, page) = Render();

        var switches = page.FindAll("[data-testid=plugin-enabled] input, input[data-testid=plugin-enabled]");
        switches.Count.ShouldBe(2);
        switches[0].Change(false);
        page.FindAll("[data-testid=plugin-enabled] input, input[data-testid=plugin-enabled]")[1].Change(true);

        page.WaitForAssertion(() => _admin.Calls.ShouldBe(["disable:notes", "enable:old"]));
    }

    [Fact]
    public void A_refused_action_shows_its_message()
    {
        _admin.Plugins.Add(Plugin("notes", PluginState.Active));
        _admin.Refusal = new Joules.Core.Domain.Common.DomainException("Das Plugin wird gerade aktualisiert.");
        var (_, page) = Render();
        var snackbar = _ctx.Render<MudSnackbarProvider>();

        page.Find("[data-testid=plugin-enabled] input, input[data-testid=plugin-enabled]").Change(false);

        snackbar.WaitForAssertion(() => snackbar.Markup.ShouldContain("Das Plugin wird gerade aktualisiert."));
    }

    [Fact]
    public void Follows_runtime_changes_and_unsubscribes_when_closed()
    {
        var (_, page) = Render();
        _admin.ChangedSubscribers.ShouldBe(1);

        _admin.Plugins.Add(Plugin("late", PluginState.Active));
        _admin.RaiseChanged();

        page.WaitForAssertion(() => page.Markup.ShouldContain("Plugin late"));

        page.Instance.Dispose();
        _admin.ChangedSubscribers.ShouldBe(0);
    }

    [Fact]
    public void Settings_open_the_plugins_own_component_in_a_dialog()
    {
        _admin.Plugins.Add(Plugin("notes", PluginState.Active) with { SettingsComponent = typeof(FakeSettings) });
        var (dialogs, page) = Render();

        page.Find("[data-testid=plugin-settings]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=fake-settings]").TextContent.ShouldBe("Notiz-Einstellungen"));
    }

    private sealed class FakeSettings : Microsoft.AspNetCore.Components.ComponentBase
    {
        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "data-testid", "fake-settings");
            builder.AddContent(2, "Notiz-Einstellungen");
            builder.CloseElement();
        }
    }
}
