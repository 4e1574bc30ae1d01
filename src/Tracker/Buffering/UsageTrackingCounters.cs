namespace UsageDashboard.Tracker.Buffering;

/// <summary>A point-in-time copy of the tracker's counters.</summary>
internal readonly record struct UsageTrackingCounters(
    long Captured,
    long Dropped,
    long Stored,
    long StoreFailures,
    long StoreRetries,
    long EnricherFailures,
    long HookFailures,
    long Discarded,
    long CaptureFailures);
