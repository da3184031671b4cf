using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tests.Sending.Infrastructure;

/// <summary>Lists, subscribers and campaigns for the sending tests.</summary>
public static class SendingData
{
    public const string Html = """
        <html><body><h1>Hallo {{ subscriber.first_name }}!</h1>
        <p>Unser neuer Tarif für {{ subscriber.city }} von {{ brand.name }}.</p>
        <p><a href="https://www.example.test/tarife?x=1&amp;y=2">Zu den Tarifen</a> und <a href='https://www.example.test/kontakt'>Kontakt</a></p>
        </body></html>
        """;

    public const string Text = "Hallo {{ subscriber.first_name }}, unser neuer Tarif: https://www.example.test/tarife";

    public static async Task<long> ListAsync(NewsletterDb db, ListLegalBasis basis = ListLegalBasis.Consent, string name = "Newsletter")
    {
        var list = new MailingList { BrandId = SendingFixture.BrandId, Name = name, LegalBasis = basis, ConsentText = "Ja, bitte." };
        db.Lists.Add(list);
        await db.SaveChangesAsync();
        return list.Id;
    }

    /// <summary>Adds <paramref name="count"/> subscribers (every second one with tracking consent) on the list.</summary>
    public static async Task<List<Subscriber>> SubscribersAsync(NewsletterDb db, long listId, int count, string prefix = "kunde",
        SubscriptionStatus status = SubscriptionStatus.Confirmed)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var subscribers = Enumerable.Range(1, count).Select(i => new Subscriber
        {
            BrandId = SendingFixture.BrandId, Email = $"{prefix}{i}@example.test", FirstName = $"Vorname{i}", LastName = "Muster",
            City = "Sonnental", PostalCode = "12345", TrackingConsent = i % 2 == 0, Source = SubscriberSource.Import,
            AttributesJson = "{\"tarif\":\"Öko Plus\"}",
        }).ToList();
        db.Subscribers.AddRange(subscribers);
        await db.SaveChangesAsync();
        db.Subscriptions.AddRange(subscribers.Select(s => new Subscription
        {
            BrandId = SendingFixture.BrandId, SubscriberId = s.Id, ListId = listId, Status = status, Source = "test",
            ConsentGivenAt = DateTimeOffset.UtcNow, ConfirmedAt = status == SubscriptionStatus.Confirmed ? DateTimeOffset.UtcNow : null,
        }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return subscribers;
    }

    public static async Task<Campaign> CampaignAsync(NewsletterDb db, long listId, Action<Campaign>? change = null)
    {
        var campaign = new Campaign
        {
            BrandId = SendingFixture.BrandId, Name = "Herbst-Newsletter", Subject = "Neuigkeiten für {{ subscriber.first_name }}",
            HtmlBody = Html, TextBody = Text, Lists = [new CampaignList { ListId = listId }], CreatedBy = "test",
        };
        change?.Invoke(campaign);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return campaign;
    }
}
