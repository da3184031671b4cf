using System.Net;
using Joules.Core.Messaging;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>The double opt-in mail: only the request and the confirmation link, no advertising (a confirmation mail with
/// advertising would itself be unsolicited advertising). Sent through Core's pooled transport for the brand.</summary>
public sealed class ConfirmationMailer(IMailTransport transport, PublicBaseUrl baseUrl, IStringLocalizer<ConfirmationMailer> text)
{
    public async Task SendAsync(Guid brandId, string brandName, Subscriber subscriber, IReadOnlyList<string> listNames, string token, CancellationToken ct = default)
    {
        var link = NewsletterUrls.Confirm(await baseUrl.ForBrandAsync(brandId, ct), token);
        var lists = string.Join(", ", listNames);
        var greeting = string.IsNullOrWhiteSpace(subscriber.FirstName) ? text["Greeting"].Value : string.Format(text["GreetingName"], subscriber.FirstName);
        var intro = string.Format(text["Intro"], brandName, lists);
        var mail = new MimeMessage();
        mail.To.Add(new MailboxAddress(null, subscriber.Email));
        mail.Subject = string.Format(text["Subject"], brandName);
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        var html = $"""
            <!DOCTYPE html><html><body style="font-family:Arial,sans-serif;font-size:15px;color:#222;max-width:560px">
            <p>{WebUtility.HtmlEncode(greeting)}</p>
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}" style="display:inline-block;padding:10px 18px;background:#1E6B52;color:#fff;text-decoration:none;border-radius:4px">{WebUtility.HtmlEncode(text["Button"])}</a></p>
            <p style="font-size:13px;color:#555">{WebUtility.HtmlEncode(text["Validity"])}</p>
            <p style="font-size:13px;color:#555">{WebUtility.HtmlEncode(text["NotYou"])}</p>
            </body></html>
            """;
        var plain = $"{greeting}\n\n{intro}\n\n{text["Button"]}:\n{link}\n\n{text["Validity"]}\n{text["NotYou"]}\n";
        mail.Body = new BodyBuilder { HtmlBody = html, TextBody = plain }.ToMessageBody();
        await transport.SendAsync(mail, brandId, ct);
    }
}
