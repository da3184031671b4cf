using System.Diagnostics;

namespace Joules.Bench;

/// <summary>Wall-clock and process CPU time of a section. On a shared 2-core machine the CPU time per item is the steadier
/// figure: 2 cores divided by it is the throughput the section could reach with the machine to itself.</summary>
internal sealed class CpuMeter
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

    public TimeSpan Wall => _wall.Elapsed;
    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpu;

    /// <summary>"CPU 3,120 ms = 312 µs/mail (≤ 6,410/s on 2 cores)".</summary>
    public string Report(int items, string unit = "mail")
    {
        var cpu = Cpu;
        var perItem = cpu.TotalMicroseconds / Math.Max(1, items);
        return $"CPU {cpu.TotalMilliseconds:N0} ms = {perItem:N0} µs/{unit} (≤ {Environment.ProcessorCount * 1_000_000 / Math.Max(1, perItem):N0}/s on {Environment.ProcessorCount} cores)";
    }
}
