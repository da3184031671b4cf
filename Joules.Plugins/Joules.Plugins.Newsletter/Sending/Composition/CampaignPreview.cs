using Joules.Core.Domain.Common;
using Joules.Core.Messaging;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Shared;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Joules.Plugins.Newsletter.Sending.Composition;

/// <summary>Preview (links untracked, sample data or a chosen subscriber) and test send through Core's mail transport.</summary>
public sealed class CampaignPreview(ComposerFactory composers, IDbContextFactory<NewsletterDb> factory, IMailTransport transport) : ICampaignPreview
{
    public const string TestPrefix = "[TEST] ";

    public async Task<RenderedMail> RenderAsync(Campaign campaign, byte variant, long? subscriberId, CancellationToken ct = default)
    {
        var composer = await composers.CreateAsync(campaign, ct);
        var subscriber = CampaignComposer.SampleSubscriber("erika.mustermann@example.com");
        if (subscriberId is { } id)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.BrandId == campaign.BrandId, ct) ?? subscriber;
        }
        return composer.Render(subscriber, Variant(campaign, variant), tracked: false);
    }

    public async Task SendTestAsync(Campaign campaign, byte variant, string address, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(address.Trim(), out var mailbox) || !mailbox.Address.Contains('@'))
            throw SendingText.Error("Preview.AddressInvalid", "address");
        var composer = await composers.CreateAsync(campaign, ct);
        var message = composer.Compose(CampaignComposer.SampleSubscriber(mailbox.Address), Variant(campaign, variant), tracked: false, TestPrefix);
        try
        {
            await transport.SendAsync(message, campaign.BrandId, ct);
        }
        catch (MailDeliveryException e)
        {
            throw new DomainException(SendingText.Format("Preview.SendFailed", e.Message), "address");
        }
    }

    private static byte Variant(Campaign campaign, byte variant) => campaign.AbTest == AbTestKind.None ? (byte)0 : (byte)Math.Min((int)variant, 1);
}
