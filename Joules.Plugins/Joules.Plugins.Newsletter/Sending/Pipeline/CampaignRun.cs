using System.Diagnostics;
using System.Threading.Channels;
using Joules.Core.Messaging;
using Joules.Core.Messaging.Templates;
using Joules.Plugins.Newsletter.Audiences;
using Joules.Plugins.Newsletter.Model;
using Joules.Plugins.Newsletter.Sending.Composition;
using Joules.Plugins.Newsletter.Shared;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>One campaign being sent by this process (listmonk's design): a reader takes the recipients in key order in
/// batches of 1,000 (skipping everyone with a delivery row), a bounded queue hands them to the workers, each worker
/// renders and sends over its own SMTP session under the server's rate limit, and the recorder commits the answers in
/// groups and moves the checkpoint. Stopping stops handing out recipients; sends already under way finish and are
/// recorded.</summary>
internal sealed class CampaignRun
{
    public const int BatchSize = 1000;
    private static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(2);
    /// <summary>Most mails a worker sends as one pipelined group.</summary>
    private const int Pipelined = 16;
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8)];

    private readonly long _campaignId;
    private readonly IDbContextFactory<NewsletterDb> _factory;
    private readonly ComposerFactory _composers;
    private readonly IMailSessionFactory _sessions;
    private readonly SendRateLimiter _limiter;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = new();
    private string? _abortReason;
    private int _sent;
    private int _failed;
    private int _sentAtStart;
    private int _toSend;
    private volatile CampaignStatus _status = CampaignStatus.Sending;
    private SendPhase _phase;
    // Time spent per stage (Stopwatch ticks, summed over threads): logged when the run ends.
    private long _readTicks, _composeTicks, _sendTicks;

    public CampaignRun(long campaignId, IDbContextFactory<NewsletterDb> factory, ComposerFactory composers, IMailSessionFactory sessions,
        SendRateLimiter limiter, ILogger log)
    {
        _campaignId = campaignId;
        _factory = factory;
        _composers = composers;
        _sessions = sessions;
        _limiter = limiter;
        _log = log;
    }

    public long CampaignId => _campaignId;
    public Task Completion { get; private set; } = Task.CompletedTask;
    public bool Stopping => _stop.IsCancellationRequested;

    /// <summary>Test hook: called by a worker right after the SMTP server accepted a message.</summary>
    internal Action<long>? Accepted { get; set; }

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Stops handing out recipients; in-flight sends finish and are recorded.</summary>
    public void Stop() => _stop.Cancel();

    public CampaignProgress Progress()
    {
        var sent = Volatile.Read(ref _sent);
        var failed = Volatile.Read(ref _failed);
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = seconds > 0.5 ? (sent + failed - _sentAtStart) / seconds : 0;
        var left = Math.Max(0, _toSend - sent - failed);
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds(left / rate) : null;
        return new CampaignProgress(_campaignId, _status, _phase, _toSend, sent, failed, Math.Round(rate, 1), remaining);
    }

    // Contexts made when the run starts: a shutdown disposes the service provider while the run still records.
    private NewsletterDb? _control;
    private NewsletterDb? _reading;

    private async Task RunAsync()
    {
        try
        {
            await using var control = await _factory.CreateDbContextAsync();
            await using var recording = await _factory.CreateDbContextAsync();
            await using var reading = await _factory.CreateDbContextAsync();
            _control = control;
            _reading = reading;
            try
            {
                await SendAsync(recording);
            }
            catch (Exception e)
            {
                _log.LogError(e, "Sending campaign {Campaign} failed", _campaignId);
                await FinishAsync(CampaignStatus.Failed, e.Message);
            }
        }
        catch (Exception e)
        {
            _log.LogError(e, "Campaign {Campaign}: the run ended with an error", _campaignId);
        }
        finally
        {
            _clock.Stop();
        }
    }

    private async Task SendAsync(NewsletterDb recording)
    {
        Campaign campaign;
        NewsletterSettings? settings;
        Segment? segment;
        await using (var db = await _factory.CreateDbContextAsync())
        {
            var loaded = await db.Campaigns.AsNoTracking().IgnoreQueryFilters().Include(c => c.Lists).FirstOrDefaultAsync(c => c.Id == _campaignId);
            if (loaded is null || loaded.Status != CampaignStatus.Sending) return;
            campaign = loaded;
            settings = await db.Settings.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.BrandId == campaign.BrandId);
            segment = campaign.SegmentId is { } segmentId
                ? await db.Segments.AsNoTracking().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == segmentId) : null;
        }
        _phase = campaign.Phase;
        _sent = _sentAtStart = campaign.SentCount;
        _failed = campaign.FailedCount;
        _sentAtStart += campaign.FailedCount;
        _toSend = campaign.ToSend;

        CampaignComposer composer;
        try { composer = await _composers.CreateAsync(campaign); }
        catch (TemplateRenderException e)
        {
            await FinishAsync(CampaignStatus.Failed, e.Message);
            return;
        }
        var listIds = campaign.Lists.Select(l => l.ListId).ToList();
        await PrepareAsync(campaign, composer, listIds, segment);
        _toSend = campaign.ToSend;

        var workers = Math.Clamp(settings?.Workers ?? 4, 1, 16);
        var perSecond = Math.Max(0, settings?.MessagesPerSecond ?? 0);
        var sessions = await OpenSessionsAsync(campaign.BrandId, workers);
        if (sessions.Count == 0) return;   // FinishAsync(Failed) done
        _clock.Start();
        var batches = new BatchTracker(campaign.CheckpointSubscriberId);
        var recorder = new DeliveryRecorder(recording, campaign, batches, _log, e => Abort(SendingText.Format("Campaign.RecordFailed", e.Message)));
        var queue = Channel.CreateBounded<Recipient>(new BoundedChannelOptions(Math.Max(256, workers * 128))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var reader = Task.Run(() => ReadAsync(campaign, listIds, segment, batches, queue.Writer));
        var workerTasks = sessions.Select(s => Task.Run(() => WorkAsync(s, composer, perSecond, recorder, queue.Reader))).ToList();
        try
        {
            await reader;
        }
        finally
        {
            await Task.WhenAll(workerTasks);
            await recorder.CompleteAsync();
            foreach (var session in sessions) await session.DisposeAsync();
            _log.LogInformation("Campaign {Campaign}: {Count} recorded in {Seconds:F1} s; reading {Read:F0} ms, composing {Compose:F0} ms, "
                + "sending {Send:F0} ms (summed over {Workers} workers), recording {Record:F0} ms", _campaignId, recorder.Committed,
                _clock.Elapsed.TotalSeconds, Ms(_readTicks), Ms(_composeTicks), Ms(_sendTicks), sessions.Count, Ms(recorder.Ticks));
        }

        if (_abortReason is { } reason) await FinishAsync(CampaignStatus.Failed, reason);
        else if (!_stop.IsCancellationRequested)
        {
            if (campaign.Phase == SendPhase.Main && campaign.AbTest != AbTestKind.None)
                await FinishAsync(CampaignStatus.AbTestWaiting, null, DateTimeOffset.UtcNow.AddMinutes(Math.Max(0, campaign.AbWaitMinutes)));
            else await FinishAsync(CampaignStatus.Sent, null);
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>On the first start of a phase: stores the campaign's links and counts the phase's recipients.</summary>
    private async Task PrepareAsync(Campaign campaign, CampaignComposer composer, List<long> listIds, Segment? segment)
    {
        await using var db = await _factory.CreateDbContextAsync();
        if (!await db.CampaignLinks.AnyAsync(l => l.CampaignId == campaign.Id))
        {
            foreach (var variant in composer.Variants())
                foreach (var link in composer.Links(variant))
                    db.CampaignLinks.Add(new CampaignLink { CampaignId = campaign.Id, Variant = variant, Index = link.Index, Url = link.Url.Length > 2000 ? link.Url[..2000] : link.Url });
            await db.SaveChangesAsync();
        }
        if (campaign.Phase != SendPhase.Main || campaign.ToSend > 0 || campaign.SentCount + campaign.FailedCount > 0) return;
        var recipients = AudienceQuery.Recipients(db, campaign.BrandId, listIds, segment);
        int toSend;
        if (campaign.AbTest == AbTestKind.None) toSend = await recipients.CountAsync();
        else
        {
            var ids = await recipients.Select(s => s.Id).ToListAsync();
            toSend = ids.Count(id => AbSplit.InSample(campaign.Id, id, campaign.AbSamplePercent));
        }
        campaign.ToSend = toSend;
        await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ToSend, toSend));
    }

    private async Task<List<IMailSession>> OpenSessionsAsync(Guid brandId, int count)
    {
        var opening = Enumerable.Range(0, count).Select(async _ =>
        {
            try { return (Session: await _sessions.OpenAsync(brandId, _stop.Token), Error: (Exception?)null); }
            catch (Exception e) { return (Session: (IMailSession?)null, Error: e); }
        }).ToList();
        var results = await Task.WhenAll(opening);
        var sessions = results.Where(r => r.Session is not null).Select(r => r.Session!).ToList();
        if (sessions.Count == 0 && !_stop.IsCancellationRequested)
        {
            var error = results.Select(r => r.Error).FirstOrDefault(e => e is not null);
            _log.LogWarning(error, "Campaign {Campaign}: no SMTP session could be opened", _campaignId);
            await FinishAsync(CampaignStatus.Failed, SendingText.Format("Campaign.SessionFailed", error?.Message ?? ""));
        }
        else if (sessions.Count < count)
            _log.LogWarning("Campaign {Campaign}: {Open} of {Count} SMTP sessions opened", _campaignId, sessions.Count, count);
        return sessions;
    }

    private readonly record struct Recipient(Subscriber Subscriber, byte Variant, int Batch);

    private async Task ReadAsync(Campaign campaign, List<long> listIds, Segment? segment, BatchTracker batches, ChannelWriter<Recipient> queue)
    {
        try
        {
            var cursor = campaign.CheckpointSubscriberId;
            var id = campaign.Id;
            var ab = campaign.AbTest != AbTestKind.None;
            var rest = campaign.Phase == SendPhase.Rest;
            var winner = campaign.AbWinner ?? 0;
            var sqlite = _reading!.Database.IsSqlite();
            while (!_stop.IsCancellationRequested)
            {
                List<Subscriber> batch;
                long rangeEnd;
                bool last;
                var db = _reading!;
                var readStarted = Stopwatch.GetTimestamp();
                {
                    var after = cursor;
                    // The batch's key range: the next 1,000 subscriber ids confirmed on one of the lists (a range scan of the
                    // subscriptions' (ListId, Status, SubscriberId) index); the audience rule then applies within the range.
                    var keys = await db.Subscriptions.AsNoTracking().IgnoreQueryFilters()
                        .Where(x => listIds.Contains(x.ListId) && x.Status == SubscriptionStatus.Confirmed && x.SubscriberId > after)
                        .Select(x => x.SubscriberId).Distinct().OrderBy(x => x).Take(BatchSize).ToListAsync(_stop.Token);
                    if (keys.Count == 0) break;
                    var upTo = keys[^1];
                    last = keys.Count < BatchSize;
                    var range = db.Subscribers.AsNoTracking().IgnoreQueryFilters().Where(s => s.Id > after && s.Id <= upTo);
                    if (sqlite)
                    {
                        // The audience rule as a correlated test per key: the outer query then walks the primary key range
                        // (a plain filter on BrandId would let SQLite pick the (BrandId, Email) index and scan the whole brand).
                        var audience = AudienceQuery.Recipients(db, campaign.BrandId, listIds, segment);
                        range = range.Where(s => audience.Any(a => a.Id == s.Id));
                    }
                    else
                    {
                        // The rule on the range's own rows: PostgreSQL plans the self-join above as a semi-join with the whole
                        // brand for every batch, and before the tables have statistics (right after an import) as nested
                        // loops over it: minutes for a few thousand subscribers.
                        range = AudienceQuery.Among(range, db, campaign.BrandId, listIds, segment);
                    }
                    batch = await range
                        .Where(s => !db.Deliveries.Any(d => d.CampaignId == id && d.SubscriberId == s.Id))
                        .OrderBy(s => s.Id)
                        .Select(s => new Subscriber
                        {
                            Id = s.Id, Email = s.Email, FirstName = s.FirstName, LastName = s.LastName, PostalCode = s.PostalCode, City = s.City,
                            Language = s.Language, TrackingConsent = s.TrackingConsent, AttributesJson = s.AttributesJson, BrandId = s.BrandId,
                        })
                        .ToListAsync(_stop.Token);
                    rangeEnd = upTo;
                }
                Interlocked.Add(ref _readTicks, Stopwatch.GetTimestamp() - readStarted);
                var chosen = new List<Recipient>(batch.Count);
                foreach (var s in batch)
                {
                    if (!ab) chosen.Add(new Recipient(s, 0, 0));
                    else if (rest) chosen.Add(new Recipient(s, winner, 0));
                    else if (AbSplit.InSample(id, s.Id, campaign.AbSamplePercent)) chosen.Add(new Recipient(s, AbSplit.Variant(id, s.Id), 0));
                }
                var number = batches.Open(rangeEnd, chosen.Count);
                foreach (var r in chosen) await queue.WriteAsync(r with { Batch = number }, _stop.Token);
                cursor = rangeEnd;
                if (last) break;
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            _log.LogError(e, "Reading recipients of campaign {Campaign} failed", _campaignId);
            Abort(e.Message);
        }
        finally
        {
            queue.TryComplete();
        }
    }

    private async Task WorkAsync(IMailSession session, CampaignComposer composer, int perSecond, DeliveryRecorder recorder, ChannelReader<Recipient> queue)
    {
        var group = new List<(Recipient Item, PreparedMail Mail)>(Pipelined);
        while (await queue.WaitToReadAsync())
        {
            // What is queued goes out as one pipelined group: each mail's content travels with the next one's envelope.
            while (group.Count < Pipelined && queue.TryRead(out var item))
            {
                // After a stop nothing more is handed out: what is left in the queue is dropped (it has no delivery row).
                if (_stop.IsCancellationRequested) continue;
                try
                {
                    if (perSecond > 0) await _limiter.WaitAsync(session.ServerKey, perSecond, _stop.Token);
                }
                catch (OperationCanceledException) { continue; }
                var composeStarted = Stopwatch.GetTimestamp();
                try
                {
                    // The prepared form skips MIME building; an address beyond ASCII takes MimeKit's way (SMTPUTF8).
                    if (composer.ComposePrepared(item.Subscriber, item.Variant, session.DefaultSender) is { } prepared)
                    {
                        group.Add((item, prepared));
                        Interlocked.Add(ref _composeTicks, Stopwatch.GetTimestamp() - composeStarted);
                        continue;
                    }
                    var message = composer.Compose(item.Subscriber, item.Variant);
                    Interlocked.Add(ref _composeTicks, Stopwatch.GetTimestamp() - composeStarted);
                    await TimedAsync(() => SendOneAsync(ct => session.SendAsync(message, ct), item, recorder));
                }
                catch (Exception e)
                {
                    Record(recorder, item, DeliveryStatus.Failed, e.Message, null);
                }
            }
            if (group.Count == 0) continue;
            await TimedAsync(() => SendGroupAsync(session, group, recorder));
            group.Clear();
        }
    }

    private async Task TimedAsync(Func<Task> send)
    {
        var started = Stopwatch.GetTimestamp();
        await send();
        Interlocked.Add(ref _sendTicks, Stopwatch.GetTimestamp() - started);
    }

    /// <summary>Sends a group over one session. Accepted and refused mails are recorded at once; a mail that met a
    /// deferral or a broken connection goes the single way with its retries.</summary>
    private async Task SendGroupAsync(IMailSession session, List<(Recipient Item, PreparedMail Mail)> group, DeliveryRecorder recorder)
    {
        IReadOnlyList<MailDeliveryException?> outcomes;
        // Deliberately not the stop token: a group under way finishes (and is recorded) so a restart sends nobody twice.
        using (var timeout = new CancellationTokenSource(SendTimeout))
        {
            try { outcomes = await session.SendAsync(group.Select(g => g.Mail).ToList(), timeout.Token); }
            catch (OperationCanceledException) { outcomes = []; }
        }
        for (var i = 0; i < group.Count; i++)
        {
            var (item, mail) = group[i];
            var outcome = i < outcomes.Count ? outcomes[i] : null;
            if (i < outcomes.Count && outcome is null)
            {
                Accepted?.Invoke(item.Subscriber.Id);
                Record(recorder, item, DeliveryStatus.Sent, null, null);
            }
            else if (outcome is { Permanent: true }) RecordRefused(recorder, item, outcome);
            else await SendOneAsync(ct => session.SendAsync(mail, ct), item, recorder);
        }
    }

    private async Task SendOneAsync(Func<CancellationToken, Task> send, Recipient item, DeliveryRecorder recorder)
    {
        for (var attempt = 0; ; attempt++)
        {
            Exception error;
            // Deliberately not the stop token: a send under way finishes (and is recorded) so a restart sends nobody twice.
            using (var timeout = new CancellationTokenSource(SendTimeout))
            {
                try
                {
                    await send(timeout.Token);
                    Accepted?.Invoke(item.Subscriber.Id);
                    Record(recorder, item, DeliveryStatus.Sent, null, null);
                    return;
                }
                catch (MailDeliveryException e) when (e.Permanent)
                {
                    RecordRefused(recorder, item, e);
                    return;
                }
                catch (Exception e) when (e is MailDeliveryException or OperationCanceledException)
                {
                    error = e;
                }
            }
            var answered = error.InnerException is SmtpCommandException;
            if (attempt >= Backoff.Length)
            {
                if (answered)
                {
                    // The server keeps deferring this recipient (4xx): give up on it.
                    Record(recorder, item, DeliveryStatus.Failed, error.Message, BounceKind.Soft);
                }
                else
                {
                    // The server cannot be reached: stop the campaign; this recipient stays unsent for a resume.
                    Abort(SendingText.Format("Campaign.SessionFailed", error.Message));
                }
                return;
            }
            if (_stop.IsCancellationRequested) return;   // not accepted, not recorded: sent on resume
            try { await Task.Delay(Backoff[attempt], _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>A 5xx answer: a refused recipient is a hard bounce; a refused sender or message is a failure of this mail.</summary>
    private void RecordRefused(DeliveryRecorder recorder, Recipient item, MailDeliveryException e)
    {
        var recipientRefused = e.InnerException is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted };
        Record(recorder, item, DeliveryStatus.Failed, e.Message, recipientRefused ? BounceKind.Hard : null);
    }

    private void Record(DeliveryRecorder recorder, Recipient item, DeliveryStatus status, string? error, BounceKind? bounce)
    {
        recorder.Add(new DeliveryResult(item.Subscriber.Id, item.Subscriber.Email, item.Variant, status, error, bounce, item.Batch, DateTimeOffset.UtcNow));
        if (status == DeliveryStatus.Sent) Interlocked.Increment(ref _sent);
        else Interlocked.Increment(ref _failed);
    }

    private void Abort(string reason)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        try { _stop.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>Ends the run's phase: only while the campaign is still "Sending" (a pause or cancel meanwhile wins).</summary>
    private async Task FinishAsync(CampaignStatus status, string? error, DateTimeOffset? decideAt = null)
    {
        var now = DateTimeOffset.UtcNow;
        var message = error is { Length: > 1000 } e ? e[..1000] : error;
        var db = _control ?? throw new InvalidOperationException("The run has not started.");
        var changed = await db.Campaigns.Where(c => c.Id == _campaignId && c.Status == CampaignStatus.Sending).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, status)
            .SetProperty(c => c.LastError, message)
            .SetProperty(c => c.AbDecideAt, c => decideAt ?? c.AbDecideAt)
            .SetProperty(c => c.FinishedAt, c => status == CampaignStatus.Sent ? now : c.FinishedAt)
            .SetProperty(c => c.UpdatedAt, now));
        if (changed > 0) _status = status;
    }
}

/// <summary>The A/B test's sample and split: deterministic per campaign and subscriber, so a resumed run picks the
/// same people and variants.</summary>
public static class AbSplit
{
    public static ulong Hash(long campaignId, long subscriberId)
    {
        // SplitMix64 over both ids.
        var z = unchecked((ulong)campaignId * 0x9E3779B97F4A7C15UL ^ (ulong)subscriberId);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    public static bool InSample(long campaignId, long subscriberId, int samplePercent) =>
        (int)(Hash(campaignId, subscriberId) % 100) < Math.Clamp(samplePercent, 0, 100);

    /// <summary>0 = A, 1 = B.</summary>
    public static byte Variant(long campaignId, long subscriberId) => (byte)((Hash(campaignId, subscriberId) >> 40) & 1);
}
