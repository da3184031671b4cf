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

    /// <summary>Runs and reports round <paramref name="round"/>; returns the p99 overhead in ms.</summary>
    public static async Task<double> MeasureAsync(int round, int count, int concurrency, TimeSpan latency, string unit, Func<int, Task> item)
    {
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        var meter = new CpuMeter();
        var durations = await RunAsync(count, concurrency, item);
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
