using UsageDashboard.Data.Rules;

namespace UsageDashboard.Tracker.Rules;

/// <summary>
/// The overrides in force in this process: an immutable snapshot swapped in whole by the poller, read
/// without locks on the request path.
/// </summary>
internal sealed class RuntimeTrackingRules
{
    private volatile RulesSnapshot _current = RulesSnapshot.Empty;

    public RulesSnapshot Current => _current;

    /// <summary>When the last load succeeded (UTC), or null before the first.</summary>
    public DateTime? LoadedAt { get; private set; }

    public void Replace(RulesSnapshot snapshot, DateTime loadedAt)
    {
        _current = snapshot;
        LoadedAt = loadedAt;
    }
}
