using System.Threading.Channels;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>What the SMTP server answered for one recipient.</summary>
/// <param name="Bounce">Hard for a permanent refusal of the recipient (5xx), Soft for a temporary one given up on.</param>
internal readonly record struct DeliveryResult(long SubscriberId, string Email, byte Variant, DeliveryStatus Status, string? Error,
    BounceKind? Bounce, int Batch, DateTimeOffset At);

/// <summary>Records SMTP answers with group commit: answers collect for up to <see cref="Linger"/> (or
/// <see cref="MaxGroup"/> answers), then go into one transaction (delivery rows, the campaign's counters and checkpoint,
/// daily statistics, bounces and suppressions of hard bounces). A worker's answer is thus durable within about
/// <see cref="Linger"/> plus one commit after the server's reply; the wait keeps the number of commits per second small,
/// whatever the sending rate (each commit has a fixed cost: transaction, counter update, statistics).</summary>
internal sealed class DeliveryRecorder
{
    public const int MaxGroup = 4000;
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(25);
    private readonly Channel<DeliveryResult> _results = Channel.CreateUnbounded<DeliveryResult>(new UnboundedChannelOptions { SingleReader = true });
    // Created when the run starts: a shutdown disposes the service provider while in-flight sends are still recorded.
    private readonly NewsletterDb _db;
    private readonly Campaign _campaign;
    private readonly BatchTracker _batches;
    private readonly ILogger _log;
    private readonly Action<Exception> _failed;
    private readonly Task _loop;
    private string? _deliveriesTable;

    public DeliveryRecorder(NewsletterDb db, Campaign campaign, BatchTracker batches, ILogger log, Action<Exception> failed)
    {
        _db = db;
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        _campaign = campaign;
        _batches = batches;
        _log = log;
        _failed = failed;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Time spent committing (Stopwatch ticks).</summary>
    public long Ticks { get; private set; }

    /// <summary>Number of results recorded (committed).</summary>
    public int Committed { get; private set; }

    public void Add(DeliveryResult result)
    {
        if (!_results.Writer.TryWrite(result)) throw new InvalidOperationException("The recorder has been completed.");
    }

    /// <summary>Records what is left and ends.</summary>
    public async Task CompleteAsync()
    {
        _results.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var group = new List<DeliveryResult>(MaxGroup);
        var broken = false;
        var reader = _results.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Let the group fill: one commit per Linger at most, unless a full group is ready or the run is ending.
            if (!(reader.CanCount && reader.Count >= MaxGroup) && !reader.Completion.IsCompleted)
                await Task.WhenAny(Task.Delay(Linger), reader.Completion);
            group.Clear();
            while (group.Count < MaxGroup && _results.Reader.TryRead(out var result)) group.Add(result);
            if (broken || group.Count == 0) continue;   // after a failure: drain, so workers never block
            var checkpoint = _batches.Record(group.Select(r => r.Batch));
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    await CommitAsync(group, checkpoint);
                    Ticks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
                    Committed += group.Count;
                    break;
                }
                catch (Exception e) when (attempt < 5)
                {
                    _log.LogWarning(e, "Recording {Count} deliveries of campaign {Campaign} failed (attempt {Attempt})", group.Count, _campaign.Id, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
                }
                catch (Exception e)
                {
                    _log.LogError(e, "Recording deliveries of campaign {Campaign} failed; the campaign stops", _campaign.Id);
                    broken = true;
                    _failed(e);
                    break;
                }
            }
        }
    }

    private async Task CommitAsync(List<DeliveryResult> group, long checkpoint)
    {
        var db = _db;
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync();
        var brandId = _campaign.BrandId;
        var campaignId = _campaign.Id;
        var sent = 0;
        var failed = 0;
        var deltas = new List<StatDelta>(4);
        var sqlite = db.Database.IsSqlite();
        SqliteCommand? insert = null;
        if (sqlite)
        {
            // SQLite: one prepared statement for the group's rows (the hot path of the recorder).
            insert = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
            insert.Transaction = (SqliteTransaction)tx.GetDbTransaction();
            insert.CommandText = $"INSERT INTO \"{_deliveriesTable ??= db.Model.FindEntityType(typeof(CampaignDelivery))!.GetTableName()}\" "
                + "(\"CampaignId\", \"SubscriberId\", \"BrandId\", \"Variant\", \"Status\", \"At\", \"Error\") VALUES ($c, $s, $b, $v, $st, $at, $e)";
            insert.Parameters.AddWithValue("$c", campaignId);
            insert.Parameters.Add("$s", SqliteType.Integer);
            insert.Parameters.AddWithValue("$b", brandId);
            insert.Parameters.Add("$v", SqliteType.Integer);
            insert.Parameters.Add("$st", SqliteType.Integer);
            insert.Parameters.Add("$at", SqliteType.Integer);
            insert.Parameters.Add("$e", SqliteType.Text);
            insert.Prepare();
        }
        foreach (var r in group)
        {
            var error = r.Error is { Length: > 500 } e ? e[..500] : r.Error;
            if (insert is not null)
            {
                insert.Parameters[1].Value = r.SubscriberId;
                insert.Parameters[3].Value = (int)r.Variant;
                insert.Parameters[4].Value = (int)r.Status;
                insert.Parameters[5].Value = r.At.UtcTicks;
                insert.Parameters[6].Value = (object?)error ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            else
                db.Deliveries.Add(new CampaignDelivery
                {
                    CampaignId = campaignId, SubscriberId = r.SubscriberId, BrandId = brandId, Variant = r.Variant,
                    Status = r.Status, At = r.At, Error = error,
                });
            if (r.Status == DeliveryStatus.Sent) sent++; else failed++;
            deltas.Add(StatCounter.At(r.At, brandId, r.Status == DeliveryStatus.Sent ? StatMetric.Sent : StatMetric.Failed, campaignId));
            if (r.Bounce is { } kind)
            {
                deltas.Add(StatCounter.At(r.At, brandId, kind == BounceKind.Hard ? StatMetric.HardBounce : StatMetric.SoftBounce, campaignId));
                if (r.Status != DeliveryStatus.Sent) deltas.Add(StatCounter.At(r.At, brandId, StatMetric.RefusedAtSend, campaignId));
                db.Bounces.Add(new BounceRecord
                {
                    BrandId = brandId, Email = r.Email, CampaignId = campaignId, SubscriberId = r.SubscriberId, Kind = kind,
                    Source = "smtp", Diagnostic = r.Error is { Length: > 1000 } d ? d[..1000] : r.Error, At = r.At,
                });
                if (kind == BounceKind.Hard && !await db.Suppressions.AnyAsync(s => s.BrandId == brandId && s.Email == r.Email))
                    db.Suppressions.Add(new Suppression { BrandId = brandId, Email = r.Email, Reason = SuppressionReason.HardBounce, Note = "smtp", CreatedAt = r.At });
            }
        }
        if (insert is not null) await insert.DisposeAsync();
        await db.SaveChangesAsync();
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.SentCount, c => c.SentCount + sent)
            .SetProperty(c => c.FailedCount, c => c.FailedCount + failed)
            .SetProperty(c => c.CheckpointSubscriberId, c => c.CheckpointSubscriberId > checkpoint ? c.CheckpointSubscriberId : checkpoint));
        await StatCounter.AddAsync(db, deltas);
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
    }
}
