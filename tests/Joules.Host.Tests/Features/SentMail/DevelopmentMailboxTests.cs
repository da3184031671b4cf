using System.Globalization;
using Bunit;
using Joules.Core.Messaging;
using Joules.Core.Tenancy;
using Joules.Host.Features.SentMail;
using Joules.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MudBlazor;
using MudBlazor.Services;

namespace Joules.Host.Tests.Features.SentMail;

public sealed class DevelopmentMailboxTests
{
    [Fact]
    public async Task Mail_without_a_configured_server_lands_in_the_development_mailbox_and_on_the_Sent_mail_page()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        using var app = new JoulesAppFactory();
        var transport = app.Services.GetRequiredService<IMailTransport>();
        var mail = new MimeMessage();
        mail.To.Add(MailboxAddress.Parse("anna.kunde@example.test"));
        mail.Subject = "Willkommen bei Joules";
        mail.Body = new BodyBuilder { HtmlBody = "<h1>Hallo Anna</h1>", TextBody = "Hallo Anna" }.ToMessageBody();

        await transport.SendAsync(mail, brandId: null);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("test");
        var mailbox = scope.ServiceProvider.GetRequiredService<SentMailbox>();
        var (items, total) = await mailbox.SearchAsync("anna.kunde", 0, 25);
        total.ShouldBe(1);
        items[0].Subject.ShouldBe("Willkommen bei Joules");
        var detail = (await mailbox.DetailAsync(items[0].Id)).ShouldNotBeNull();
        detail.From.ShouldContain("joules@localhost");
        detail.Html.ShouldNotBeNull().ShouldContain("<h1>Hallo Anna</h1>");
        detail.Text.ShouldNotBeNull().ShouldContain("Hallo Anna");
        (await mailbox.SearchAsync("Rechnung", 0, 25)).Total.ShouldBe(0);

        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddSingleton(mailbox);
        var page = ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0); b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1); b.CloseComponent();
            b.OpenComponent<SentMailList>(2); b.CloseComponent();
        });

        page.WaitForAssertion(() => page.Find("[data-testid=sent-mail-subject]").TextContent.ShouldBe("Willkommen bei Joules"));
        page.Markup.ShouldContain("anna.kunde@example.test");
        page.Markup.ShouldContain("Gesendete Mails");

        page.Find("[data-testid=sent-mail-subject]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=sent-mail-headers]").TextContent.ShouldContain("joules@localhost"));
        var frame = page.Find("[data-testid=sent-mail-html]");
        frame.GetAttribute("sandbox").ShouldBe("");
        frame.GetAttribute("srcdoc").ShouldNotBeNull().ShouldContain("<h1>Hallo Anna</h1>");
        page.Find("[data-testid=sent-mail-headers]").TextContent.ShouldContain(detail.MessageId.ShouldNotBeNull());
    }

    [Fact]
    public async Task Sent_mail_page_shows_an_empty_state()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        using var app = new JoulesAppFactory();
        await using var scope = app.Services.CreateAsyncScope();
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLogging();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SentMailbox>());

        var page = ctx.Render<SentMailList>();

        page.WaitForAssertion(() => page.Find("[data-testid=sent-mail-empty]").TextContent.ShouldBe("Keine Mails gefunden"));
    }
}
