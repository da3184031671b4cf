using System.Collections.Concurrent;

namespace Joules.Core.Data.Providers;

/// <summary>One writer at a time per SQLite database in this process. SQLite lets a single transaction write; a second
/// one gets "database is locked" and waits on a blocked thread (the busy handler), which at many concurrent saves
/// starves the thread pool. Waiting here is asynchronous and in arrival order, so saves queue without blocking
/// threads; writes from other processes and explicit transactions still meet SQLite's busy timeout.</summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the turn to write to the database of <paramref name="connectionString"/>; dispose the result
    /// to pass it on.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(string connectionString, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(connectionString, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
