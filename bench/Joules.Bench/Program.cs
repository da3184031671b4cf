using System.Diagnostics;
using Joules.Bench;

// Usage: dotnet run -c Release --project bench/Joules.Bench [name ...]   (no name: all benchmarks)
var all = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name).ToList();
var chosen = args.Length == 0 ? all : all.Where(b => args.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (chosen.Count == 0)
{
    Console.WriteLine("Benchmarks: " + string.Join(", ", all.Select(b => $"{b.Name} ({b.Description})")));
    return 1;
}
foreach (var benchmark in chosen)
{
    var folder = Directory.CreateTempSubdirectory($"joules-bench-{benchmark.Name}-").FullName;
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
    var watch = Stopwatch.StartNew();
    try { await benchmark.RunAsync(folder, CancellationToken.None); }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
    Console.WriteLine($"   ({watch.Elapsed.TotalSeconds:F1} s in all)");
}
return 0;
