using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment;

namespace UsageDashboard.Tracker.Tests.Support;

/// <summary>An enrichment step that remembers what it saw and can act on each captured request.</summary>
internal sealed class RecordingEnricher : IUsageEnricher
{
    private readonly List<CapturedRequest> _seen = [];

    public Action<CapturedRequest>? OnEach { get; set; }

    public Exception? Throw { get; set; }

    public IReadOnlyList<CapturedRequest> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var captured in batch)
        {
            lock (_seen)
            {
                _seen.Add(captured);
            }

            OnEach?.Invoke(captured);
        }

        if (Throw is not null)
        {
            throw Throw;
        }

        return ValueTask.CompletedTask;
    }
}
