namespace Joules.Bench;

/// <summary>A benchmark that prints its own figures. Found by reflection; run by name.</summary>
public interface IBenchmark
{
    /// <summary>Name on the command line, e.g. "import".</summary>
    string Name { get; }
    string Description { get; }
    Task RunAsync(string workFolder, CancellationToken ct);
}
