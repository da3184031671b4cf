using System.Globalization;
using System.Threading.Channels;
using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Joules.Core.Credit;

/// <summary>Contracts waiting for their automatic credit check, in arrival order.</summary>
public sealed class CreditCheckQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues contract <paramref name="contractId"/> for its check.</summary>
    public void Enqueue(Guid contractId) => _channel.Writer.TryWrite(contractId);

    internal ChannelReader<Guid> Reader => _channel.Reader;
}

/// <summary>Queues the check of a contract that enters "credit check pending" when its brand checks automatically.</summary>
public sealed class StartCreditCheckWhenPending(JoulesDbContext db, CreditCheckQueue queue) : IDomainEventHandler<ContractStatusChanged>
{
    /// <inheritdoc />
    public async Task HandleAsync(ContractStatusChanged e, CancellationToken cancellationToken)
    {
        if (e.To != ContractStatus.CreditCheckPending || e.BrandId is not { } brandId) return;
        var settings = await db.CreditCheckSettings.SingleOrDefaultAsync(s => s.BrandId == brandId, cancellationToken);
        if ((settings ?? CreditCheckSettings.Create(brandId)).AutoCheck) queue.Enqueue(e.ContractId);
    }
}

/// <summary>Runs queued automatic checks, several at a time (bureaus answer slowly; the work is waiting, not CPU). On
/// start it queues the contracts of automatically checking brands that are still pending, so a restart loses none.</summary>
public sealed class CreditCheckWorker(IServiceScopeFactory scopes, CreditCheckQueue queue, IHostApplicationLifetime lifetime,
    ILogger<CreditCheckWorker> logger, IConfiguration? configuration = null) : BackgroundService
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>How many checks run at the same time unless <c>Joules:Credit:Parallelism</c> (1–200) says otherwise.</summary>
    public const int DefaultParallelism = 16;

    /// <summary>How many checks run at the same time (each mostly waits for its bureau; decisions are stored with group commit).</summary>
    public int Parallelism { get; } = Math.Clamp(configuration?.GetValue("Joules:Credit:Parallelism", DefaultParallelism) ?? DefaultParallelism, 1, 200);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Bureaus and the demo's simulators start with the host: begin once it runs.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        try { await QueuePendingAsync(stoppingToken); }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { logger.LogError(ex, "Queuing pending credit checks failed"); }

        using var slots = new SemaphoreSlim(Parallelism);
        try
        {
            await foreach (var contractId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try { await RunAsync(contractId, stoppingToken); }
                    finally { slots.Release(); }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task RunAsync(Guid contractId, CancellationToken ct)
    {
        try
        {
            // Reasons go into the contract history as text: write them in the installation's language, German.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUserAccessor>().User = new SystemUser("system:credit-check");
            var check = await scope.ServiceProvider.GetRequiredService<RunCreditCheck>().RunAsync(contractId, "auto", ct);
            logger.LogInformation("Credit check {CheckId} of contract {ContractId}: {Decision}", check.Id, contractId, check.Decision);
        }
        catch (DomainException ex)
        {
            // Moved on meanwhile (checked by button, withdrawn): nothing to do.
            logger.LogDebug("Automatic credit check of contract {ContractId} skipped: {Reason}", contractId, ex.Message);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Automatic credit check of contract {ContractId} failed", contractId);
        }
    }

    private async Task QueuePendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JoulesDbContext>();
        var manualBrands = await db.CreditCheckSettings.Where(s => !s.AutoCheck).Select(s => s.BrandId).ToListAsync(ct);
        var pending = await db.Contracts.Where(c => c.Status == ContractStatus.CreditCheckPending && !manualBrands.Contains(c.BrandId))
            .OrderBy(c => c.StatusChangedAt).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in pending) queue.Enqueue(id);
        if (pending.Count > 0) logger.LogInformation("Queued {Count} pending credit checks", pending.Count);
    }
}
