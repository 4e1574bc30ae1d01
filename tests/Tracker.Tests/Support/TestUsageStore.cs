namespace UsageDashboard.Tracker.Tests.Support;

/// <summary>An in-memory store (the original suite's TestStorage) that copies every batch it receives.</summary>
internal sealed class TestUsageStore(string name = "test") : IUsageStore
{
    private readonly List<UsageRecord> _records = [];
    private readonly List<int> _batchSizes = [];

    public string Name { get; } = name;

    /// <summary>Runs before a batch is kept: throw to fail the store, await to block it.</summary>
    public Func<IReadOnlyList<UsageRecord>, Task>? BeforeStore { get; set; }

    public IReadOnlyList<UsageRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_records)
            {
                return [.. _batchSizes];
            }
        }
    }

    public async ValueTask StoreAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (BeforeStore is not null)
        {
            await BeforeStore(batch);
        }

        lock (_records)
        {
            _records.AddRange(batch);
            _batchSizes.Add(batch.Count);
        }
    }

    /// <summary>Waits (generously, this is not a timing assertion) until at least <paramref name="count"/> records arrived.</summary>
    public async Task<IReadOnlyList<UsageRecord>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var records = Records;
            if (records.Count >= count)
            {
                return records;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Store '{Name}' has {records.Count} record(s), expected {count}.");
            }

            await Task.Delay(10);
        }
    }
}
