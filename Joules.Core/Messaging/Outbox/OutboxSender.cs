using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Core.Messaging.Outbox;

/// <summary>Sends due outbox messages. Messages are claimed with a lease (a conditional update), so several nodes can
/// run side by side without sending a message twice; a message left in <see cref="OutboxStatus.Sending"/> by a process
/// that died is claimed again when its lease expires. Transient failures are retried with exponential back-off.</summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxSender> logger)
{
    /// <summary>After this many failed attempts a message is marked failed.</summary>
    public const int MaxAttempts = 10;
    /// <summary>Messages claimed per round.</summary>
    public const int BatchSize = 250;
    /// <summary>Messages sent at the same time (uses the transport's connection pool).</summary>
    public const int Parallelism = 4;
    private const int MaxErrorLength = 4000;

    /// <summary>How long a claim holds before another node may take the message over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>The id this sender writes into <see cref="OutboxMessage.LockedBy"/>.</summary>
    public string Node { get; } = $"{(Environment.MachineName.Length > 50 ? Environment.MachineName[..50] : Environment.MachineName)}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sends due messages in batches until none is left; returns how many were sent.</summary>
    public async Task<int> SendPendingAsync(CancellationToken ct = default)
    {
        var sent = 0;
        // The next batch is claimed while the current one is being sent, and the outcomes of a batch are written while the
        // next one is being sent, so the database round trips overlap with SMTP. Should sending fail, the messages of the
        // claimed batch are taken again when their lease expires.
        Task<int> recording = Task.FromResult(0);
        try
        {
            var claim = ClaimBatchAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                var batch = await claim;
                if (batch.Count == 0) break;
                claim = ClaimBatchAsync(ct);
                var outcomes = await DeliverAsync(batch, ct);
                sent += await recording;
                recording = RecordOutcomesAsync(outcomes);
            }
        }
        finally
        {
            // Outcomes are written even when claiming or cancellation ends the loop.
            sent += await recording;
        }
        return sent;
    }

    private async Task<List<(OutboxMessage Message, Outcome Outcome, string? Error)>> DeliverAsync(List<OutboxMessage> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var senders = new Dictionary<MessageChannel, IMessageChannelSender>();
        foreach (var channelSender in scope.ServiceProvider.GetServices<IMessageChannelSender>())
            senders[channelSender.Channel] = channelSender; // the last registration of a channel wins
        var outcomes = new (OutboxMessage Message, Outcome Outcome, string? Error)[batch.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, token) =>
        {
            var message = batch[i];
            if (!senders.TryGetValue(message.Channel, out var sender)) { outcomes[i] = (message, Outcome.Unavailable, null); return; }
            try
            {
                await sender.SendAsync(message, token);
                outcomes[i] = (message, Outcome.Sent, null);
            }
            catch (ChannelUnavailableException) { outcomes[i] = (message, Outcome.Unavailable, null); }
            catch (MailDeliveryException ex) { outcomes[i] = (message, ex.Permanent ? Outcome.Permanent : Outcome.Transient, ex.Message); }
            catch (MessageDeliveryException ex) { outcomes[i] = (message, ex.Permanent ? Outcome.Permanent : Outcome.Transient, ex.Message); }
            catch (Exception ex) when (!token.IsCancellationRequested) { outcomes[i] = (message, Outcome.Transient, ex.Message); }
        });
        return [.. outcomes];
    }

    private async Task<int> RecordOutcomesAsync(List<(OutboxMessage Message, Outcome Outcome, string? Error)> outcomes)
    {
        // Results are written after the batch (one update for all sent messages); if the process dies in between, the
        // messages are claimed again after the lease and resent with the same Message-Id.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        var now = clock.GetUtcNow();
        var sent = outcomes.Where(o => o.Outcome == Outcome.Sent).Select(o => o.Message).ToList();
        // Mail: one update for all. Gateways that return an id (SMS) get it stored in the same update as the sent state,
        // so a reader never sees a sent message whose delivery reports cannot find it.
        foreach (var chunk in sent.Where(m => m.ProviderMessageId is null).Select(m => m.Id).Chunk(BatchSize))
        {
            await db.OutboxMessages.Where(m => chunk.Contains(m.Id) && m.LockedBy == Node && m.Status == OutboxStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        foreach (var message in sent.Where(m => m.ProviderMessageId is not null))
        {
            var providerId = message.ProviderMessageId;
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == Node && m.Status == OutboxStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.ProviderMessageId, providerId)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        foreach (var (message, outcome, error) in outcomes.Where(o => o.Outcome != Outcome.Sent))
            await RecordFailureAsync(db, message, outcome, error, now);
        return sent.Count;
    }

    private enum Outcome { Sent, Transient, Permanent, Unavailable }

    private async Task RecordFailureAsync(JoulesDbContext db, OutboxMessage message, Outcome outcome, string? error, DateTimeOffset now)
    {
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == Node && m.Status == OutboxStatus.Sending);
        if (outcome == Outcome.Unavailable)
        {
            // Not counted as an attempt: the message waits until a plugin brings the channel.
            var text = Truncate(CoreText.Format("Outbox.ChannelUnavailable", message.Channel));
            var next = now + Backoff(message.Attempts + 1);
            await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.LastError, text)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            return;
        }

        var attempts = message.Attempts + 1;
        logger.LogWarning("Sending outbox message {Id} ({Channel}) failed, attempt {Attempt}: {Error}", message.Id, message.Channel, attempts, error);
        var failed = outcome == Outcome.Permanent || attempts >= MaxAttempts;
        var status = failed ? OutboxStatus.Failed : OutboxStatus.Queued;
        var nextAttempt = failed ? now : now + Backoff(attempts);
        var truncated = Truncate(error ?? "");
        await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, nextAttempt).SetProperty(m => m.LastError, truncated)
            .SetProperty(m => m.LockedBy, (string?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    /// <summary>Claims up to <see cref="BatchSize"/> due messages for this node.</summary>
    public async Task<List<OutboxMessage>> ClaimBatchAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        var now = clock.GetUtcNow();
        var candidates = await db.OutboxMessages
            .Where(m => (m.Status == OutboxStatus.Queued && m.NextAttemptAt <= now) || (m.Status == OutboxStatus.Sending && m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        var until = now + Lease;
        // The conditional update is the claim: a node that got the same ids a moment later updates zero rows for them.
        await db.OutboxMessages
            // The same condition as above, written as CASE: an OR of two status conditions lets SQLite walk the status index
            // over every due message instead of looking up the candidate ids by primary key.
            .Where(m => candidates.Contains(m.Id)
                && (m.Status == OutboxStatus.Queued ? m.NextAttemptAt <= now : m.Status == OutboxStatus.Sending && m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, Node).SetProperty(m => m.LockedUntil, until), ct);
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Sending && m.LockedBy == Node)
            .ToListAsync(ct);
    }

    private static string Truncate(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failure: 30 s, 1 min, 2 min, … capped at one hour.</summary>
    public static TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 12))));
}
