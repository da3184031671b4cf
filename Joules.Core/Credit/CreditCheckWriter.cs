using System.Threading.Channels;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Core.Credit;

/// <summary>A decided check waiting to be stored: the check, the contract's new status with its history line, and
/// whether a review case opens.</summary>
/// <param name="Check">The decided check (not yet stored).</param>
/// <param name="To">The contract's new status.</param>
/// <param name="History">The history line (already in the installation's language).</param>
/// <param name="Review">The review case to open, if the contract goes to manual review.</param>
/// <param name="User">Who ran the check (audit, history, tenant boundary).</param>
/// <param name="At">When the decision was made.</param>
public sealed record DecidedCreditCheck(CreditCheck Check, ContractStatus To, string History, CreditReviewOrigin? Review, ICurrentUser User, DateTimeOffset At);

/// <summary>Stores decided credit checks with group commit: checks decided while the previous saves run are stored
/// together in one transaction — one read of their contracts, one save with their status changes, history, review
/// cases, audit entries and events. Under load (a hundred checks in flight) this keeps SQLite's single writer from
/// becoming the queue every check waits in; when idle a check is stored alone at once. A check whose contract moved
/// on meanwhile fails alone with the reason; a failed batch is retried check by check, so one bad row loses no other.</summary>
public sealed class CreditCheckWriter : IAsyncDisposable
{
    /// <summary>Most checks stored in one transaction.</summary>
    public const int MaxBatch = 128;

    private readonly Func<ICurrentUser, ScopedContext> _open;
    /// <summary>Batches prepared at the same time: while one is written, the next reads its contracts and builds its
    /// rows (the database write itself takes turns).</summary>
    public static readonly int Writers = Math.Clamp(Environment.ProcessorCount, 2, 4);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Lazy<Task> _loop;

    /// <summary>Creates the writer over the host's services (a scope per batch, acting as the checks' user).</summary>
    public CreditCheckWriter(IServiceScopeFactory scopes) : this(user => ScopedContext.Create(scopes, user)) { }

    /// <summary>Creates the writer over <paramref name="open"/>, which opens a context acting as the given user.</summary>
    public CreditCheckWriter(Func<ICurrentUser, ScopedContext> open)
    {
        _open = open;
        _loop = new Lazy<Task>(() => Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync))),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Stores <paramref name="decided"/> and moves its contract; completes once committed.</summary>
    /// <exception cref="DomainException">The contract is unknown or no longer in "credit check pending".</exception>
    public Task StoreAsync(DecidedCreditCheck decided, CancellationToken ct = default)
    {
        var pending = new Pending(decided);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(CreditCheckWriter));
        _ = _loop.Value;
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            // Group commit per acting user: audit entries and the tenant boundary follow the user of each check.
            foreach (var group in batch.GroupBy(p => (p.Decided.User.UserId, p.Decided.User.UserName, p.Decided.User.BrandId)))
            {
                var items = group.ToList();
                try { await StoreBatchAsync(items).ConfigureAwait(false); }
                catch (Exception) when (items.Count > 1)
                {
                    foreach (var item in items) await StoreAloneAsync(item).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    items[0].Done.TrySetException(ex);
                }
            }
            batch.Clear();
        }
    }

    private async Task StoreAloneAsync(Pending item)
    {
        try { await StoreBatchAsync([item]).ConfigureAwait(false); }
        catch (Exception ex) { item.Done.TrySetException(ex); }
    }

    private async Task StoreBatchAsync(IReadOnlyList<Pending> items)
    {
        await using var scoped = _open(items[0].Decided.User);
        var db = scoped.Db;
        var ids = items.Select(p => p.Decided.Check.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id).ConfigureAwait(false);
        var applied = new List<Pending>(items.Count);
        foreach (var item in items)
        {
            var d = item.Decided;
            try
            {
                var contract = contracts.GetValueOrDefault(d.Check.ContractId) ?? throw new DomainException(CoreText.Get("Contract.NotFound"));
                if (contract.Status != ContractStatus.CreditCheckPending)
                    throw new DomainException(CoreText.Format("Credit.NotPending", ContractStatusText.Label(contract.Status),
                        ContractStatusText.Label(ContractStatus.CreditCheckPending)), nameof(Contract.Status));
                contract.ChangeStatus(d.To, d.User.UserName, d.History, "credit-check", d.At);
                db.CreditChecks.Add(d.Check);
                if (d.Review is { } origin) db.CreditReviews.Add(CreditReview.Open(d.Check, origin, d.User.UserName, null, d.At));
                applied.Add(item);
            }
            catch (DomainException ex)
            {
                item.Done.TrySetException(ex);
            }
        }
        if (applied.Count == 0) return;
        await db.SaveChangesAsync().ConfigureAwait(false);
        foreach (var item in applied) item.Done.TrySetResult();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated) await _loop.Value.ConfigureAwait(false);
    }

    private sealed class Pending(DecidedCreditCheck decided)
    {
        public DecidedCreditCheck Decided { get; } = decided;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A context with the scope that owns it; disposing disposes both.</summary>
public sealed class ScopedContext(JoulesDbContext db, IAsyncDisposable? owner = null) : IAsyncDisposable
{
    /// <summary>The context.</summary>
    public JoulesDbContext Db { get; } = db;

    /// <summary>A context from a new scope of <paramref name="scopes"/>, acting as <paramref name="user"/>.</summary>
    public static ScopedContext Create(IServiceScopeFactory scopes, ICurrentUser user)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = user;
        return new ScopedContext(scope.ServiceProvider.GetRequiredService<JoulesDbContext>(), scope);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (owner is not null) await owner.DisposeAsync().ConfigureAwait(false);
        else await Db.DisposeAsync().ConfigureAwait(false);
    }
}
