namespace UsageDashboard.Tracker.Tests.Support;

/// <summary>Remembers which store wrote how many records, in call order.</summary>
internal sealed class RecordingHook : IUsageStoreHook
{
    private readonly List<(string Store, int Count)> _calls = [];

    public Func<IUsageStore, Task>? BeforeHook { get; set; }

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
}
