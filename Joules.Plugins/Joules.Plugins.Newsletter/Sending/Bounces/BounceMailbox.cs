using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using MailKit.Net.Pop3;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Joules.Plugins.Newsletter.Sending.Bounces;

/// <summary>Polls each brand's bounce mailbox (POP3) and records the bounces it finds: a <see cref="BounceRecord"/> (source
/// "mailbox"), the delivery's status, the daily statistics, and a suppression for hard bounces. Processed mails are
/// deleted; mails that are no bounce stay for a person to read.</summary>
public sealed class BounceMailboxReader(IDbContextFactory<NewsletterDb> factory, IDataProtectionProvider protection, ILogger<BounceMailboxReader> log)
{
    /// <summary>Data Protection purpose of <see cref="NewsletterSettings.BounceMailboxProtectedPassword"/>.</summary>
    public const string ProtectionPurpose = "Joules.Newsletter.BounceMailbox";
    private const int MaxPerRun = 500;

    public sealed record Result(int Mailboxes, int Bounces, int Failed);

    public async Task<Result> PollAllAsync(CancellationToken ct = default)
    {
        List<NewsletterSettings> mailboxes;
        await using (var db = await factory.CreateDbContextAsync(ct))
            mailboxes = await db.Settings.AsNoTracking().IgnoreQueryFilters().Where(s => s.BounceMailboxHost != null && s.BounceMailboxHost != "").ToListAsync(ct);
        int bounces = 0, failed = 0;
        foreach (var settings in mailboxes)
        {
            try { bounces += await PollAsync(settings, ct); }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed++;
                log.LogWarning(e, "Bounce mailbox {Host} of brand {Brand} could not be read", settings.BounceMailboxHost, settings.BrandId);
            }
        }
        return new Result(mailboxes.Count, bounces, failed);
    }

    /// <summary>Reads one brand's mailbox; returns the number of bounces recorded.</summary>
    public async Task<int> PollAsync(NewsletterSettings settings, CancellationToken ct = default)
    {
        var password = string.IsNullOrEmpty(settings.BounceMailboxProtectedPassword) ? ""
            : protection.CreateProtector(ProtectionPurpose).Unprotect(settings.BounceMailboxProtectedPassword);
        using var pop = new Pop3Client { Timeout = 30_000 };
        var security = !settings.BounceMailboxTls ? SecureSocketOptions.None
            : settings.BounceMailboxPort == 995 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await pop.ConnectAsync(settings.BounceMailboxHost!, settings.BounceMailboxPort, security, ct);
        if (!string.IsNullOrEmpty(settings.BounceMailboxUser)) await pop.AuthenticateAsync(settings.BounceMailboxUser, password, ct);
        var processed = new List<int>();
        var recorded = 0;
        var count = Math.Min(pop.Count, MaxPerRun);
        for (var i = 0; i < count; i++)
        {
            var message = await pop.GetMessageAsync(i, ct);
            var reports = DsnParser.Parse(message);
            if (reports.Count == 0) continue;
            recorded += await RecordAsync(settings.BrandId, reports, ct);
            processed.Add(i);
        }
        if (processed.Count > 0) await pop.DeleteMessagesAsync(processed, ct);
        await pop.DisconnectAsync(true, ct);   // QUIT: the deletions take effect
        return recorded;
    }

    /// <summary>Records the bounces of one mail in one transaction.</summary>
    public async Task<int> RecordAsync(Guid brandId, IReadOnlyList<BounceReport> reports, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var deltas = new List<StatDelta>();
        var recorded = 0;
        foreach (var report in reports)
        {
            long? campaignId = null, subscriberId = null;
            var email = report.Recipient;
            if (report.CampaignId > 0 && await db.Campaigns.IgnoreQueryFilters().AnyAsync(c => c.Id == report.CampaignId && c.BrandId == brandId, ct))
            {
                campaignId = report.CampaignId;
                var subscriber = await db.Subscribers.IgnoreQueryFilters().AsNoTracking()
                    .Where(s => s.Id == report.SubscriberId && s.BrandId == brandId).Select(s => new { s.Id, s.Email }).FirstOrDefaultAsync(ct);
                if (subscriber is not null)
                {
                    subscriberId = subscriber.Id;
                    email ??= subscriber.Email;
                }
            }
            if (email is null) continue;
            email = AudienceQuery.NormaliseEmail(email);
            var status = report.Kind == BounceKind.Hard ? DeliveryStatus.HardBounce : DeliveryStatus.SoftBounce;
            var count = true;
            if (campaignId is { } c && subscriberId is { } s)
            {
                // A second report for the same mail (a soft one after a hard one, or the same DSN read again) counts once.
                var changed = await db.Deliveries.Where(d => d.CampaignId == c && d.SubscriberId == s
                        && (d.Status == DeliveryStatus.Sent || (d.Status == DeliveryStatus.SoftBounce && status == DeliveryStatus.HardBounce)))
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, status).SetProperty(d => d.Error, report.Status), ct);
                count = changed > 0;
            }
            if (!count) continue;
            db.Bounces.Add(new BounceRecord
            {
                BrandId = brandId, Email = email, CampaignId = campaignId, SubscriberId = subscriberId, Kind = report.Kind, Source = "mailbox",
                Diagnostic = Trim($"{report.Status} {report.Diagnostic}".Trim(), 1000), At = now,
            });
            deltas.Add(StatCounter.At(now, brandId, report.Kind == BounceKind.Hard ? StatMetric.HardBounce : StatMetric.SoftBounce, campaignId ?? 0));
            if (report.Kind == BounceKind.Hard && !await db.Suppressions.IgnoreQueryFilters().AnyAsync(x => x.BrandId == brandId && x.Email == email, ct)
                && !db.Suppressions.Local.Any(x => x.Email == email))
                db.Suppressions.Add(new Suppression { BrandId = brandId, Email = email, Reason = SuppressionReason.HardBounce, Note = "mailbox", CreatedAt = now });
            recorded++;
        }
        await db.SaveChangesAsync(ct);
        await StatCounter.AddAsync(db, deltas, ct);
        await tx.CommitAsync(ct);
        return recorded;
    }

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;
}

/// <summary>Quartz job <c>bounce-mailbox</c>: see <see cref="BounceMailboxReader"/>.</summary>
public sealed class BounceMailboxJob(BounceMailboxReader reader) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await reader.PollAllAsync(cancellationToken);
        context.Result = $"{result.Mailboxes} Postfächer, {result.Bounces} Bounces erfasst, {result.Failed} nicht erreichbar";
    }
}
