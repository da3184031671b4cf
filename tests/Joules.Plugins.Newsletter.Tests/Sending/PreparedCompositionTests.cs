using System.Text;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Joules.Plugins.Newsletter.Tests.Sending;

/// <summary>The sending pipeline serialises each mail itself (<see cref="CampaignComposer.ComposePrepared"/>): it must say
/// exactly what the MimeKit form (<see cref="CampaignComposer.Compose"/>, used for test mails) says.</summary>
public sealed class PreparedCompositionTests
{
    private static readonly MailboxAddress Session = new("Stadtwerke Sonnental", "newsletter@sonnental.example");

    private static async Task<CampaignComposer> ComposerAsync(SendingFixture f, Action<Campaign>? change = null)
    {
        var campaign = new Campaign
        {
            Id = 7, BrandId = SendingFixture.BrandId, Name = "Herbst", Preheader = "Jetzt wechseln",
            Subject = "Grüße für {{ subscriber.first_name }} – Ihr neuer Ökotarif mit langer Betreffzeile, die gefaltet werden muss",
            HtmlBody = "<html><body><p>Hallo {{ subscriber.first_name }} {{ subscriber.last_name }},</p>\n"
                       + "<p>" + string.Concat(Enumerable.Repeat("Ökostrom aus Wasserkraft = 100 % sauber. ", 12)) + "</p>\n"
                       + "<p>Zeile mit Leerzeichen am Ende   \n.Punkt am Zeilenanfang\r\n<a href=\"https://www.example.test/tarif?a=1&amp;b=2\">Tarif</a></p></body></html>",
            TextBody = "Hallo {{ subscriber.first_name }},\n\ttabulator\nEnde mit Tab\t\n=Gleich am Anfang\n",
        };
        change?.Invoke(campaign);
        return await f.Services.GetRequiredService<ComposerFactory>().CreateAsync(campaign);
    }

    private static Subscriber Recipient(long id, string first = "Jürgen", string last = "Groß", bool consent = true) => new()
    {
        Id = id, BrandId = SendingFixture.BrandId, Email = $"kunde{id}@example.test", FirstName = first, LastName = last, TrackingConsent = consent,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Prepared_mail_says_what_the_MimeKit_mail_says(bool consent)
    {
        await using var f = await SendingFixture.CreateAsync();
        var composer = await ComposerAsync(f);
        var subscriber = Recipient(42, consent: consent);

        var prepared = composer.ComposePrepared(subscriber, 0, Session).ShouldNotBeNull();
        var expected = composer.Compose(subscriber, 0);
        expected.From.Add(Session);

        prepared.Sender.ShouldBe(Session.Address);
        prepared.Recipient.ShouldBe(subscriber.Email);
        var bytes = prepared.Content.ToArray();
        bytes.ShouldAllBe(b => b < 128);
        Encoding.ASCII.GetString(bytes).Split("\r\n").ShouldAllBe(line => line.Length <= 998);
        var actual = MimeMessage.Load(new MemoryStream(bytes));
        actual.Subject.ShouldBe(expected.Subject);
        actual.From.ToString().ShouldBe(expected.From.ToString());
        actual.To.ToString().ShouldBe(expected.To.ToString());
        actual.MessageId.ShouldStartWith("nl.7.42.");
        foreach (var name in new[] { "List-Unsubscribe", "List-Unsubscribe-Post", "Precedence", "Auto-Submitted" })
            actual.Headers[name].ShouldBe(expected.Headers[name], name);
        actual.HtmlBody.ShouldBe(expected.HtmlBody);
        actual.TextBody.ShouldBe(expected.TextBody);
        actual.Body.ShouldNotBeNull().ContentType.MimeType.ShouldBe("multipart/alternative");
    }

    [Fact]
    public async Task Quoted_printable_lines_stay_within_76_characters_and_decode_to_the_text()
    {
        await using var f = await SendingFixture.CreateAsync();
        var composer = await ComposerAsync(f, c => c.HtmlBody = "<p>" + new string('ä', 400) + "</p><p>" + new string('x', 300) + " </p>");
        var prepared = composer.ComposePrepared(Recipient(1), 0, Session).ShouldNotBeNull();

        var text = Encoding.ASCII.GetString(prepared.Content.Span);
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        body.Split("\r\n").ShouldAllBe(line => line.Length <= 76);
        MimeMessage.Load(new MemoryStream(prepared.Content.ToArray())).HtmlBody.ShouldNotBeNull().ShouldBe(composer.Compose(Recipient(1), 0).HtmlBody);
    }

    [Fact]
    public async Task An_address_beyond_ASCII_is_left_to_MimeKit()
    {
        await using var f = await SendingFixture.CreateAsync();
        var composer = await ComposerAsync(f);
        var subscriber = Recipient(3);
        subscriber.Email = "jürgen@müller.example";

        composer.ComposePrepared(subscriber, 0, Session).ShouldBeNull();
    }
}
