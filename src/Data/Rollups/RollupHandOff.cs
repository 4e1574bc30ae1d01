using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// What <see cref="RollupHook"/> passes to its summing loop, in order: a batch's records, or a request to complete
/// <see cref="Done"/> once everything passed before it is summed and the background flush has finished (and, with
/// <see cref="Flush"/>, once everything pending is written).
/// </summary>
internal sealed class RollupHandOff
{
    public UsageRecord[]? Records { get; init; }

    public TaskCompletionSource? Done { get; init; }

    public bool Flush { get; init; }
}
