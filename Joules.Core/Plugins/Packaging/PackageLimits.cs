namespace Joules.Core.Plugins.Packaging;

/// <summary>Limits a plugin package must stay within; checked while reading, before anything is written to disk.</summary>
public sealed record PackageLimits
{
    /// <summary>Maximum size of the package file and of all its entries unpacked together (default 100 MB).</summary>
    public long MaxPackageBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Maximum number of plugin files under <c>files/</c> (default 2,000).</summary>
    public int MaxFiles { get; init; } = 2_000;

    /// <summary>Maximum unpacked size of a single entry (default 50 MB).</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Maximum length of an entry name (default 260).</summary>
    public int MaxPathLength { get; init; } = 260;

    /// <summary>The default limits.</summary>
    public static PackageLimits Default { get; } = new();
}
