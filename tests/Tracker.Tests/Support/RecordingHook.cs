namespace UsageDashboard.Tracker.Tests.Support;

/// <summary>Remembers which store wrote how many records, in call order, and when the writer said it had stopped.</summary>
internal sealed class RecordingHook : IUsageStoreHook
{
    private readonly List<(string Store, int Count)> _calls = [];

    private readonly List<int> _finishes = [];

    public Func<IUsageStore, Task>? BeforeHook { get; set; }

    public Action? BeforeFinish { get; set; }

    /// <summary>For each time the writer said its last batch was stored: how many records the hook had seen by then.</summary>
    public IReadOnlyList<int> Finishes
    {
        get
        {
            lock (_calls)
            {
                return [.. _finishes];
            }
        }
    }

    public IReadOnlyList<(string Store, int Count)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public async ValueTask OnBatchStoredAsync(IUsageStore store, IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (BeforeHook is not null)
        {
            await BeforeHook(store);
        }

        lock (_calls)
        {
            _calls.Add((store.Name, batch.Count));
        }
    }

    public ValueTask OnLastBatchStoredAsync(CancellationToken cancellationToken)
    {
        BeforeFinish?.Invoke();
        lock (_calls)
        {
            _finishes.Add(_calls.Sum(c => c.Count));
        }

        return ValueTask.CompletedTask;
    }
}
