using System.Text.Json;
using Joules.Core.Data;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Joules.Core.Events;

/// <summary>Delivers stored domain events to their handlers. Events are claimed with a lease so several nodes can
/// run side by side; a handler that fails is retried with exponential back-off, handlers that succeeded are
/// remembered per event and not called again.</summary>
public sealed class DomainEventDispatcher(IServiceScopeFactory scopes, DomainEventTypes types, ILogger<DomainEventDispatcher> logger)
{
    /// <summary>After this many failed attempts an event is marked failed and waits for an administrator.</summary>
    public const int MaxAttempts = 12;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Dispatches due events in batches until none is left; returns how many were completed.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        var completed = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimBatchAsync(ct);
            if (batch.Count == 0) break;
            foreach (var stored in batch)
                if (await DispatchAsync(stored, ct)) completed++;
        }
        return completed;
    }

    private async Task<List<StoredDomainEvent>> ClaimBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        var now = DateTimeOffset.UtcNow;
        var candidates = await db.DomainEvents
            .Where(e => e.DispatchedAt == null && !e.Failed && e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
            .OrderBy(e => e.Id).Select(e => e.Id).Take(100).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        var until = now + Lease;
        // The conditional update is the claim: another node that got the same ids updates zero rows for them.
        await db.DomainEvents
            .Where(e => candidates.Contains(e.Id) && e.DispatchedAt == null && (e.LockedUntil == null || e.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedBy, _node).SetProperty(e => e.LockedUntil, until), ct);
        return await db.DomainEvents.AsNoTracking().Where(e => candidates.Contains(e.Id) && e.LockedBy == _node).OrderBy(e => e.Id).ToListAsync(ct);
    }

    private async Task<bool> DispatchAsync(StoredDomainEvent stored, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<JoulesDbContext>();
        string? error = null;
        var type = types.Resolve(stored.Type);
        if (type is null)
        {
            error = $"Unknown event type {stored.Type} (its plugin may not be loaded).";
        }
        else
        {
            var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(stored.Payload, type)!;
            var done = await db.DomainEventReceipts.Where(r => r.EventId == stored.Id).Select(r => r.Handler).ToListAsync(ct);
            var handlers = services.GetServices<IDomainEventHandlerSource>().SelectMany(s => s.HandlersFor(type, services)).Where(h => !done.Contains(h.Name));
            using var delivery = DomainEventDelivery.Begin(stored.Id, stored.OccurredAt);
            foreach (var handler in handlers)
            {
                try
                {
                    await using var handlerScope = scopes.CreateAsyncScope();
                    await handler.Invoke(domainEvent, ct);
                    db.DomainEventReceipts.Add(new DomainEventReceipt { EventId = stored.Id, Handler = handler.Name, HandledAt = DateTimeOffset.UtcNow });
                    await db.SaveChangesAsync(ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Handler {Handler} failed for event {EventId} ({Type})", handler.Name, stored.Id, stored.Type);
                    error = $"{handler.Name}: {ex.Message}";
                }
            }
        }

        var now = DateTimeOffset.UtcNow;
        var attempts = stored.Attempts + 1;
        if (error is null)
        {
            await db.DomainEvents.Where(e => e.Id == stored.Id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LockedBy, (string?)null).SetProperty(e => e.LockedUntil, (DateTimeOffset?)null), ct);
            return true;
        }
        var next = now + Backoff(attempts);
        var truncated = error.Length > 4000 ? error[..4000] : error;
        await db.DomainEvents.Where(e => e.Id == stored.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Attempts, attempts).SetProperty(e => e.NextAttemptAt, next).SetProperty(e => e.LastError, truncated)
            .SetProperty(e => e.Failed, attempts >= MaxAttempts)
            .SetProperty(e => e.LockedBy, (string?)null).SetProperty(e => e.LockedUntil, (DateTimeOffset?)null), ct);
        return false;
    }

    /// <summary>2 s, 4 s, 8 s … capped at one hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(attempts, 12))));
}
