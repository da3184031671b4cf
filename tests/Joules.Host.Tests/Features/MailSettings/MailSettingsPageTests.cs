using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bunit;
using Joules.Core.Data;
using Joules.Core.Domain.Brands;
using Joules.Core.Tenancy;
using Joules.Host.Features.MailSettings;
using Joules.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.MailSettings;

public sealed class MailSettingsPageTests
{
    [Fact]
    public async Task Shows_a_German_message_next_to_an_invalid_sender_and_the_reason_of_a_failed_connection_test()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        using var app = new JoulesAppFactory();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("test");
        await using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<JoulesDbContext>>().CreateDbContext())
        {
            db.Brands.Add(new Brand("SWT", "Stadtwerke Test"));
            await db.SaveChangesAsync();
        }
        // A port nobody listens on: bind, note it, release.
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<MailSettingsAdministration>());
        var page = ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0); b.CloseComponent();
            b.OpenComponent<MailSettingsPage>(1); b.CloseComponent();
        });
        page.WaitForAssertion(() => page.Markup.ShouldContain("kein eigener Server"));

        page.Find("[data-testid=mail-settings-host] input, input[data-testid=mail-settings-host]").Change("127.0.0.1");
        page.Find("[data-testid=mail-settings-port] input, input[data-testid=mail-settings-port]").Change(port.ToString(CultureInfo.InvariantCulture));
        page.Find("[data-testid=mail-settings-sender] input, input[data-testid=mail-settings-sender]").Change("vertrieb(at)stadtwerke");
        page.Find("[data-testid=mail-settings-save]").Click();
        page.WaitForAssertion(() => page.Markup.ShouldContain("ist keine gültige E-Mail-Adresse"));

        page.Find("[data-testid=mail-settings-sender] input, input[data-testid=mail-settings-sender]").Change("vertrieb@stadtwerke.test");
        page.Find("[data-testid=mail-settings-test]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=mail-settings-test-result]").TextContent.ShouldContain("Verbindung fehlgeschlagen"), TimeSpan.FromSeconds(25));
    }
}
