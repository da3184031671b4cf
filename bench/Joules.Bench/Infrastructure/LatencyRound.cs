using System.Diagnostics;

namespace Joules.Bench;

/// <summary>One measured round of items run <c>concurrency</c> at a time against a service with a fixed simulated
/// latency: throughput, CPU per item, overhead percentiles beyond the latency, and what the runtime did meanwhile
/// (methods compiled by the tiered JIT, garbage collections, allocation). A long-running host reaches the state where
/// the JIT is done; rounds are repeated until then and each is printed, so warm-up and steady state can be told apart.</summary>
internal static class LatencyRound
{
    /// <summary>Runs <paramref name="count"/> items, <paramref name="concurrency"/> at a time; returns each duration in ms.</summary>
    public static async Task<double[]> RunAsync(int count, int concurrency, Func<int, Task> item)
    {
        var durations = new double[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await item(i);
                durations[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return durations;
    }

    /// <summary>Starts <paramref name="count"/> items at a steady <paramref name="perSecond"/> (as work arrives one by one in
    /// production), at most <paramref name="concurrency"/> in flight; returns each duration in ms, counted from the moment
    /// the item was due (so waiting for a free slot counts).</summary>
    public static async Task<double[]> RunPacedAsync(int count, int concurrency, double perSecond, Func<int, Task> item)
    {
        var durations = new double[count];
        var running = new Task[count];
        using var slots = new SemaphoreSlim(concurrency);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / perSecond);
            while (Stopwatch.GetTimestamp() < due) await Task.Delay(1);
            await slots.WaitAsync();
            var index = i;
            running[i] = Task.Run(async () =>
            {
                try
                {
                    await item(index);
                    durations[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                }
                finally { slots.Release(); }
            });
        }
        await Task.WhenAll(running);
        return durations;
    }

    /// <summary>Runs and reports round <paramref name="round"/>: all <paramref name="concurrency"/> at once and each next
    /// item when one ends, or, with <paramref name="pacedPerSecond"/>, items arriving at that steady rate; returns the
    /// p99 overhead in ms.</summary>
    public static async Task<double> MeasureAsync(int round, int count, int concurrency, TimeSpan latency, string unit, Func<int, Task> item,
        double? pacedPerSecond = null)
    {
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        var meter = new CpuMeter();
        var durations = pacedPerSecond is { } rate ? await RunPacedAsync(count, concurrency, rate, item) : await RunAsync(count, concurrency, item);
        var wall = meter.Wall;
        var overhead = durations.Select(d => d - latency.TotalMilliseconds).Order().ToArray();
        var p99 = Percentile(overhead, 0.99);
        Console.WriteLine($"   round {round}: {count / wall.TotalSeconds:F0} {unit}s/s ({count:N0} in {wall.TotalSeconds:F2} s); {meter.Report(count, unit)}");
        Console.WriteLine($"     overhead beyond the {latency.TotalMilliseconds:F0} ms: p50 {Percentile(overhead, 0.50):F1} ms, p90 {Percentile(overhead, 0.90):F1} ms, " +
                          $"p99 {p99:F1} ms, max {overhead[^1]:F1} ms");
        Console.WriteLine($"     runtime: JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods in " +
                          $"{(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F0} ms; GC {GC.CollectionCount(0) - gcs.Item1}/" +
                          $"{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3} (gen 0/1/2); {(GC.GetTotalAllocatedBytes() - allocated) / count / 1024} KB allocated per {unit}");
        return p99;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
