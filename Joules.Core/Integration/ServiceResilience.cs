using System.Collections.Concurrent;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Joules.Core.Integration;

/// <summary>The resilience numbers of calls to external services reached per brand — credit bureaus, market data
/// providers (docs/credit-bureaus.md, docs/market-data.md).</summary>
public static class ServiceResilience
{
    /// <summary>Retries after the first attempt (on 5xx, 408, 429, timeouts and connection errors; never on 4xx else).</summary>
    public const int MaxRetries = 2;

    /// <summary>Base delay of the jittered exponential back-off.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Failures within <see cref="SamplingDuration"/> after which the circuit of a brand × service opens.</summary>
    public const int CircuitMinimumThroughput = 5;

    /// <summary>Window in which failures are counted.</summary>
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before it lets one through again.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>The total time of all attempts of one call with a per-attempt timeout of <paramref name="attempt"/>:
    /// every attempt may run out, plus the back-offs.</summary>
    public static TimeSpan Total(TimeSpan attempt) => attempt * (MaxRetries + 1) + TimeSpan.FromSeconds(2);

    internal static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeout = new("Joules.Integration.AttemptTimeout");
}

/// <summary>One resilience pipeline per brand × service (a bureau, a market data provider), built once and kept (the circuit breaker's state lives in it).
/// The timeouts come from the call's <see cref="ResilienceContext"/>, so a changed timeout needs no new pipeline.</summary>
internal sealed class ServicePipelines(TimeProvider time)
{
    private readonly ConcurrentDictionary<(Guid Brand, string Service), ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> For(Guid brandId, string service) =>
        _pipelines.GetOrAdd((brandId, service), static (_, t) => Build(t), time);

    private static ResiliencePipeline<HttpResponseMessage> Build(TimeProvider time)
    {
        // 5xx, 408, 429, connection errors and attempt timeouts; never 400/401/403/404.
        static ValueTask<bool> Transient(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
            ValueTask.FromResult(!context.CancellationToken.IsCancellationRequested && HttpClientResiliencePredicates.IsTransient(outcome));
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions
            {
                Name = "total",
                TimeoutGenerator = args => ValueTask.FromResult(ServiceResilience.Total(args.Context.Properties.GetValue(ServiceResilience.AttemptTimeout, TimeSpan.FromSeconds(10)))),
            })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                ShouldHandle = args => Transient(args.Outcome, args.Context),
                MaxRetryAttempts = ServiceResilience.MaxRetries,
                Delay = ServiceResilience.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit",
                ShouldHandle = args => Transient(args.Outcome, args.Context),
                FailureRatio = 0.5,
                MinimumThroughput = ServiceResilience.CircuitMinimumThroughput,
                SamplingDuration = ServiceResilience.SamplingDuration,
                BreakDuration = ServiceResilience.BreakDuration,
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Name = "attempt",
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(ServiceResilience.AttemptTimeout, TimeSpan.FromSeconds(10))),
            })
            .Build();
    }
}
