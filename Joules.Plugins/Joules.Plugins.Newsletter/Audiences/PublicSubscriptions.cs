using System.Net.Mail;
using Joules.Core.Domain.Common;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Newsletter.Audiences;

/// <summary>What the public subscribe form hands over.</summary>
public sealed record SubscribeRequest(Guid BrandId, string BrandName, string Email, string? FirstName, string? LastName,
    IReadOnlyCollection<long> ListIds, bool TrackingConsent, string? Ip, string? UserAgent, string FormId, string Language = "de",
    bool PublicListsOnly = true, SubscriberSource NewSubscriberSource = SubscriberSource.Form);

/// <summary>Outcome of a confirmation link.</summary>
public enum ConfirmOutcome { Confirmed, AlreadyConfirmed, Expired, Invalid }

public sealed record ConfirmResult(ConfirmOutcome Outcome, Guid BrandId = default, long SubscriberId = 0, IReadOnlyList<string>? ListNames = null);

/// <summary>A subscriber's preference centre: every list offered with the subscription on it, if any.</summary>
public sealed record PreferencesView(Subscriber Subscriber, IReadOnlyList<PreferenceRow> Lists, bool Suppressed);

public sealed record PreferenceRow(MailingList List, Subscription? Subscription);

/// <summary>Outcome of an unsubscribe token: null when the token is forged or points to nothing.</summary>
public sealed record UnsubscribeResult(Guid BrandId, long SubscriberId, string Email, IReadOnlyList<string> ListNames, int Changed);

/// <summary>The public side of the audience: double opt-in (subscribe, confirm) and unsubscribing by a link of a mail.
/// Everything here runs for anonymous visitors; the brand comes from the form's brand code or from the signed token,
/// never from a signed-in user.</summary>
public sealed class PublicSubscriptions(IDbContextFactory<NewsletterDb> contexts, TokenSigner signer, ConfirmationMailer mailer,
    IStringLocalizer<PublicSubscriptions> text, ILogger<PublicSubscriptions> logger, TimeProvider clock)
{
    /// <summary>Confirmation links are valid for this long after the mail was sent.</summary>
    public static readonly TimeSpan ConfirmationValidity = TimeSpan.FromDays(7);

    /// <summary>A second confirmation mail for the same pending subscriptions goes out at most this often (no mail bombing).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(2);

    /// <summary>Records the request (subscriber, unconfirmed subscriptions with the proof) and sends the confirmation mail.
    /// Lists already confirmed stay confirmed. Throws <see cref="DomainException"/> for invalid input only; whether the
    /// address was known is never revealed.</summary>
    public async Task SubscribeAsync(SubscribeRequest request, CancellationToken ct = default)
    {
        var email = ValidEmail(request.Email, text);
        if (request.ListIds.Count == 0) throw new DomainException(text["ListRequired"], "Lists");
        var firstName = Clean(request.FirstName, 100, "FirstName");
        var lastName = Clean(request.LastName, 100, "LastName");
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = request.ListIds.Distinct().ToList();
        var lists = await db.Lists.Where(l => l.BrandId == request.BrandId && (l.Public || !request.PublicListsOnly) && l.LegalBasis == ListLegalBasis.Consent
            && !l.Archived && ids.Contains(l.Id)).ToListAsync(ct);
        if (lists.Count == 0) throw new DomainException(text["ListRequired"], "Lists");

        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.BrandId == request.BrandId && s.Email == email, ct);
        if (subscriber is null)
        {
            subscriber = new Subscriber
            {
                BrandId = request.BrandId, Email = email, FirstName = firstName, LastName = lastName, Source = request.NewSubscriberSource,
                Language = request.Language is "en" ? "en" : "de", CreatedAt = now,
            };
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            // An anonymous form may complete a record, never overwrite it.
            subscriber.FirstName ??= firstName;
            subscriber.LastName ??= lastName;
        }

        var listIds = lists.Select(l => l.Id).ToList();
        var existing = await db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id && listIds.Contains(s.ListId)).ToListAsync(ct);
        var pending = new List<Subscription>();
        foreach (var list in lists)
        {
            var subscription = existing.FirstOrDefault(s => s.ListId == list.Id);
            if (subscription is { Status: SubscriptionStatus.Confirmed }) continue;   // never unconfirm
            if (subscription is null)
            {
                subscription = new Subscription { BrandId = request.BrandId, SubscriberId = subscriber.Id, ListId = list.Id };
                db.Subscriptions.Add(subscription);
            }
            subscription.Status = SubscriptionStatus.Unconfirmed;
            subscription.LegalBasis = ListLegalBasis.Consent;
            subscription.Source = Truncate(request.FormId, 200) ?? "";
            subscription.ConsentGivenAt = now;
            subscription.ConsentIp = Truncate(request.Ip, 45);
            subscription.ConsentUserAgent = Truncate(request.UserAgent, 500);
            subscription.ConsentTextVersion = list.ConsentTextVersion;
            subscription.ConsentText = list.ConsentText;
            pending.Add(subscription);
        }
        if (pending.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }
        var recentlySent = pending.All(s => s.ConfirmationSentAt is { } sent && now - sent < ResendInterval);
        if (!recentlySent) foreach (var s in pending) s.ConfirmationSentAt = now;
        await db.SaveChangesAsync(ct);
        if (recentlySent) return;

        var token = ConfirmToken(pending.Min(s => s.Id), subscriber.Id, request.TrackingConsent);
        try
        {
            await mailer.SendAsync(request.BrandId, request.BrandName, subscriber, lists.Where(l => pending.Any(p => p.ListId == l.Id)).Select(l => l.Name).ToList(), token, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The visitor sees the same page either way; the operator sees the log, the subscription stays unconfirmed.
            logger.LogWarning(ex, "Confirmation mail for subscriber {SubscriberId} could not be sent", subscriber.Id);
        }
    }

    /// <summary>The confirmation token of a double opt-in mail. <see cref="TrackingToken.Reference"/> holds the id of the
    /// first (lowest) subscription confirmed by this mail, <see cref="TrackingToken.SubscriberId"/> the subscriber; the link
    /// confirms every unconfirmed subscription of that subscriber sent with the same mail (equal ConfirmationSentAt).
    /// <see cref="TrackingToken.Variant"/> 1 carries the tracking consent given on the form, so it takes effect only once
    /// the owner of the address confirms.</summary>
    public string ConfirmToken(long subscriptionId, long subscriberId, bool trackingConsent) =>
        signer.Create(new TrackingToken(TokenPurpose.Confirm, subscriptionId, subscriberId, trackingConsent ? (byte)1 : (byte)0));

    /// <summary>Confirms the subscriptions of a confirmation link.</summary>
    public async Task<ConfirmResult> ConfirmAsync(string tokenText, string? ip, CancellationToken ct = default)
    {
        if (ReadConfirmToken(tokenText) is not { } token) return new(ConfirmOutcome.Invalid);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (result, subscriber, batch) = await PendingAsync(db, token, now, ct);
        if (result.Outcome != ConfirmOutcome.Confirmed) return result;
        foreach (var s in batch)
        {
            s.Status = SubscriptionStatus.Confirmed;
            s.ConfirmedAt = now;
            s.ConfirmedIp = Truncate(ip, 45);
            s.UnsubscribedAt = null;
            s.UnsubscribeChannel = null;
        }
        if (token.Variant == 1 && !subscriber.TrackingConsent)
        {
            subscriber.TrackingConsent = true;
            subscriber.TrackingConsentAt = now;
        }
        // A new consent lifts an earlier "unsubscribed from everything"; bounces and complaints stay suppressed.
        var suppressions = await db.Suppressions.Where(x => x.BrandId == subscriber.BrandId && x.Email == subscriber.Email
            && x.Reason == SuppressionReason.Unsubscribed).ToListAsync(ct);
        db.Suppressions.RemoveRange(suppressions);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await StatCounter.AddAsync(db, batch.Select(s => StatCounter.At(now, subscriber.BrandId, StatMetric.Subscribed, 0, s.ListId)), ct);
            await tx.CommitAsync(ct);
        }
        return result;
    }

    /// <summary>Reads a confirmation token without changing anything: <see cref="ConfirmOutcome.Confirmed"/> here means
    /// "can be confirmed" (the page asks first; link scanners only GET, so a GET must not confirm), with the lists that
    /// the confirmation would cover.</summary>
    public async Task<ConfirmResult> PeekConfirmAsync(string tokenText, CancellationToken ct = default)
    {
        if (ReadConfirmToken(tokenText) is not { } token) return new(ConfirmOutcome.Invalid);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await PendingAsync(db, token, clock.GetUtcNow(), ct)).Result;
    }

    private TrackingToken? ReadConfirmToken(string tokenText) =>
        signer.TryRead(tokenText, out var token) && token.Purpose == TokenPurpose.Confirm ? token : null;

    /// <summary>The subscriptions a confirmation token would confirm (all sent with the same request) and the result that
    /// says so with their lists, or the result that says why it cannot.</summary>
    private async Task<(ConfirmResult Result, Subscriber Subscriber, List<Subscription> Batch)> PendingAsync(NewsletterDb db, TrackingToken token,
        DateTimeOffset now, CancellationToken ct)
    {
        var reference = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == token.Reference && s.SubscriberId == token.SubscriberId, ct);
        if (reference is null) return (new(ConfirmOutcome.Invalid), null!, []);
        var subscriber = await db.Subscribers.FirstAsync(s => s.Id == reference.SubscriberId, ct);
        if (reference.Status == SubscriptionStatus.Confirmed)
            return (new(ConfirmOutcome.AlreadyConfirmed, subscriber.BrandId, subscriber.Id, await ListNamesAsync(db, [reference.ListId], ct)), subscriber, []);
        if (reference.Status != SubscriptionStatus.Unconfirmed || reference.ConfirmationSentAt is not { } sentAt || now - sentAt > ConfirmationValidity)
            return (new(ConfirmOutcome.Expired, subscriber.BrandId, subscriber.Id), subscriber, []);
        var batch = await db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id && s.Status == SubscriptionStatus.Unconfirmed
            && s.ConfirmationSentAt == sentAt).ToListAsync(ct);
        var lists = await ListNamesAsync(db, batch.Select(b => b.ListId).ToList(), ct);
        return (new(ConfirmOutcome.Confirmed, subscriber.BrandId, subscriber.Id, lists), subscriber, batch);
    }

    /// <summary>Reads an unsubscribe token without changing anything (null: forged, or campaign/subscriber unknown).</summary>
    public async Task<UnsubscribeResult?> PeekUnsubscribeAsync(string tokenText, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var target = await TargetAsync(db, tokenText, ct);
        return target is null ? null : new(target.Value.Subscriber.BrandId, target.Value.Subscriber.Id, target.Value.Subscriber.Email,
            await ListNamesAsync(db, target.Value.ListIds, ct), 0);
    }

    /// <summary>Unsubscribes the token's subscriber from the lists of the token's campaign at once (RFC 8058 one-click, or
    /// the button of the unsubscribe page). Null (and no change) for a forged token.</summary>
    public async Task<UnsubscribeResult?> UnsubscribeAsync(string tokenText, string channel, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var target = await TargetAsync(db, tokenText, ct);
        if (target is null) return null;
        var (subscriber, campaignId, listIds) = target.Value;
        var now = clock.GetUtcNow();
        var subscriptions = await db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id && listIds.Contains(s.ListId)
            && s.Status != SubscriptionStatus.Unsubscribed).ToListAsync(ct);
        foreach (var s in subscriptions)
        {
            s.Status = SubscriptionStatus.Unsubscribed;
            s.UnsubscribedAt = now;
            s.UnsubscribeChannel = channel;
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await StatCounter.AddAsync(db, subscriptions.Select(s => StatCounter.At(now, subscriber.BrandId, StatMetric.Unsubscribed, campaignId, s.ListId)), ct);
            await tx.CommitAsync(ct);
        }
        return new(subscriber.BrandId, subscriber.Id, subscriber.Email, await ListNamesAsync(db, listIds, ct), subscriptions.Count);
    }

    /// <summary>The subscriber of a preference-centre token with the brand's public lists and their state (null: invalid).</summary>
    public async Task<PreferencesView?> PreferencesAsync(string tokenText, CancellationToken ct = default)
    {
        if (!signer.TryRead(tokenText, out var token) || token.Purpose != TokenPurpose.Preferences || token.SubscriberId == 0) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == token.SubscriberId, ct);
        if (subscriber is null) return null;
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriber.Id).ToListAsync(ct);
        var listIds = subscriptions.Select(s => s.ListId).ToList();
        // Public lists, plus non-public ones the subscriber is on (so they can leave those too).
        var lists = await db.Lists.AsNoTracking().Where(l => l.BrandId == subscriber.BrandId && !l.Archived && (l.Public || listIds.Contains(l.Id)))
            .OrderBy(l => l.Name).ToListAsync(ct);
        var suppressed = await db.Suppressions.AnyAsync(x => x.BrandId == subscriber.BrandId && x.Email == subscriber.Email, ct);
        return new PreferencesView(subscriber, lists.Select(l => new PreferenceRow(l, subscriptions.FirstOrDefault(s => s.ListId == l.Id))).ToList(), suppressed);
    }

    /// <summary>Leaves one list from the preference centre.</summary>
    public async Task UnsubscribeListAsync(long subscriberId, long listId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.SubscriberId == subscriberId && s.ListId == listId
            && s.Status != SubscriptionStatus.Unsubscribed, ct);
        if (subscription is null) return;
        await UnsubscribeAllOfAsync(db, [subscription], PreferencesChannel, ct);
    }

    /// <summary>"Unsubscribe from everything": leaves every list and puts the address on the brand's suppression list.</summary>
    public async Task UnsubscribeEverythingAsync(long subscriberId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscriber = await db.Subscribers.FirstAsync(s => s.Id == subscriberId, ct);
        var subscriptions = await db.Subscriptions.Where(s => s.SubscriberId == subscriberId && s.Status != SubscriptionStatus.Unsubscribed).ToListAsync(ct);
        if (!await db.Suppressions.AnyAsync(x => x.BrandId == subscriber.BrandId && x.Email == subscriber.Email, ct))
            db.Suppressions.Add(new Suppression { BrandId = subscriber.BrandId, Email = subscriber.Email, Reason = SuppressionReason.Unsubscribed,
                Note = PreferencesChannel, CreatedAt = clock.GetUtcNow() });
        await UnsubscribeAllOfAsync(db, subscriptions, PreferencesChannel, ct);
    }

    /// <summary>Gives or withdraws the tracking consent (§ 25 TDDDG) from the preference centre.</summary>
    public async Task SetTrackingConsentAsync(long subscriberId, bool consent, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscriber = await db.Subscribers.FirstAsync(s => s.Id == subscriberId, ct);
        if (subscriber.TrackingConsent == consent) return;
        subscriber.TrackingConsent = consent;
        subscriber.TrackingConsentAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Channel recorded for changes made in the preference centre.</summary>
    public const string PreferencesChannel = "preferences";

    /// <summary>Sets <paramref name="subscriptions"/> to unsubscribed, saves, and counts them (campaign 0).</summary>
    private async Task UnsubscribeAllOfAsync(NewsletterDb db, List<Subscription> subscriptions, string channel, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var s in subscriptions)
        {
            s.Status = SubscriptionStatus.Unsubscribed;
            s.UnsubscribedAt = now;
            s.UnsubscribeChannel = channel;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await StatCounter.AddAsync(db, subscriptions.Select(s => StatCounter.At(now, s.BrandId, StatMetric.Unsubscribed, 0, s.ListId)), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The preference-centre token of a subscriber (for links on the confirmation and unsubscribe pages).</summary>
    public string PreferencesToken(long subscriberId) => signer.Create(new TrackingToken(TokenPurpose.Preferences, 0, subscriberId));

    private async Task<(Subscriber Subscriber, long CampaignId, List<long> ListIds)?> TargetAsync(NewsletterDb db, string tokenText, CancellationToken ct)
    {
        if (!signer.TryRead(tokenText, out var token) || token.Purpose != TokenPurpose.Unsubscribe || token.SubscriberId == 0) return null;
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == token.SubscriberId, ct);
        if (subscriber is null) return null;
        var campaign = await db.Campaigns.Where(c => c.Id == token.CampaignId && c.BrandId == subscriber.BrandId).Select(c => new { c.Id }).FirstOrDefaultAsync(ct);
        if (campaign is null) return null;
        var listIds = await db.CampaignLists.Where(l => l.CampaignId == campaign.Id).Select(l => l.ListId).ToListAsync(ct);
        return (subscriber, campaign.Id, listIds);
    }

    private static async Task<IReadOnlyList<string>> ListNamesAsync(NewsletterDb db, List<long> ids, CancellationToken ct) =>
        await db.Lists.Where(l => ids.Contains(l.Id)).OrderBy(l => l.Name).Select(l => l.Name).ToListAsync(ct);

    /// <summary>A syntactically valid address, normalised; otherwise a <see cref="DomainException"/> naming the field.</summary>
    public static string ValidEmail(string? email, IStringLocalizer text)
    {
        var trimmed = (email ?? "").Trim();
        if (trimmed.Length == 0) throw new DomainException(text["EmailRequired"], "Email");
        if (!IsValidEmail(trimmed)) throw new DomainException(text["EmailInvalid"], "Email");
        return AudienceQuery.NormaliseEmail(trimmed);
    }

    /// <summary>One address (local@domain with a dot in the domain), at most 254 characters.</summary>
    public static bool IsValidEmail(string email)
    {
        if (email.Length is 0 or > 254 || email.Any(char.IsWhiteSpace)) return false;
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !string.IsNullOrEmpty(parsed.DisplayName)) return false;
        var at = email.LastIndexOf('@');
        return at > 0 && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.');
    }

    private string? Clean(string? value, int max, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > max) throw new DomainException(string.Format(text["TooLong"], text[field], max), field);
        return trimmed;
    }

    private static string? Truncate(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
