using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Joules.Host.Features.Calculator;

/// <summary>Limits the public calculator's calculations per client address (fixed one-minute windows), because every
/// calculation asks the market data providers, which charge per query.</summary>
public sealed class WidgetRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public WidgetRateLimiter(IOptions<WidgetOptions> options)
    {
        var perMinute = Math.Max(1, options.Value.CalculationsPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Takes one calculation from <paramref name="client"/>'s allowance; false when it is used up.</summary>
    public bool TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The client has used up its calculations for the current minute.</summary>
public sealed class CalculationLimitExceededException() : Exception("Too many calculations from this client address.");
