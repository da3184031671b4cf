namespace Joules.Simulators.MarketData;

/// <summary>A small SplitMix64 generator: the same seed gives the same sequence on every machine and runtime version
/// (unlike <see cref="Random"/>, whose seeded algorithm is an implementation detail). Values are drawn as integers so the
/// data set's decimals are exact.</summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for one part of the data set, independent of how much the others draw.</summary>
    public static SeededRandom For(ulong seed, string part, int index = 0)
    {
        var h = seed ^ 0xCBF29CE484222325UL;
        foreach (var c in part) h = (h ^ c) * 0x100000001B3UL;
        h = (h ^ (ulong)(uint)index) * 0x100000001B3UL;
        return new SeededRandom(h);
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int Int(int min, int maxInclusive) => min + (int)(NextULong() % (ulong)(maxInclusive - min + 1));

    /// <summary>True with probability <paramref name="percent"/> %.</summary>
    public bool Chance(int percent) => Int(0, 99) < percent;

    /// <summary>A decimal in [<paramref name="min"/>, <paramref name="max"/>] with <paramref name="decimals"/> places.</summary>
    public decimal Decimal(decimal min, decimal max, int decimals)
    {
        var scale = decimals switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => 10000m };
        var from = (int)Math.Round(min * scale);
        var to = (int)Math.Round(max * scale);
        return Math.Round(Int(from, to) / scale, decimals);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];
}
