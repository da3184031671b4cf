namespace Joules.Plugins.Newsletter.Sending.Pipeline;

/// <summary>The reader's batches of a run and how many of their recipients are recorded: the checkpoint moves to a
/// batch's last subscriber id once that batch and every earlier one are recorded completely.</summary>
internal sealed class BatchTracker(long checkpoint)
{
    private readonly object _lock = new();
    private readonly Queue<Batch> _open = new();
    private readonly Dictionary<int, Batch> _byNumber = [];
    private int _next;
    private long _checkpoint = checkpoint;

    private sealed class Batch(int number, long lastSubscriberId, int count)
    {
        public int Number { get; } = number;
        public long LastSubscriberId { get; } = lastSubscriberId;
        public int Count { get; } = count;
        public int Recorded { get; set; }
    }

    /// <summary>Registers a batch (its highest subscriber id and the recipients handed out); returns its number.</summary>
    public int Open(long lastSubscriberId, int count)
    {
        lock (_lock)
        {
            var batch = new Batch(_next++, lastSubscriberId, count);
            _open.Enqueue(batch);
            _byNumber[batch.Number] = batch;
            return batch.Number;
        }
    }

    /// <summary>Counts recorded recipients of their batches and returns the checkpoint after them.</summary>
    public long Record(IEnumerable<int> batchNumbers)
    {
        lock (_lock)
        {
            foreach (var number in batchNumbers)
                if (_byNumber.TryGetValue(number, out var batch)) batch.Recorded++;
            while (_open.TryPeek(out var first) && first.Recorded >= first.Count)
            {
                _open.Dequeue();
                _byNumber.Remove(first.Number);
                _checkpoint = first.LastSubscriberId;
            }
            return _checkpoint;
        }
    }

    /// <summary>The current checkpoint (moves on past batches with nobody to send).</summary>
    public long Checkpoint => Record([]);
}
