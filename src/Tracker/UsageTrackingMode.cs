namespace UsageDashboard.Tracker;

/// <summary>
/// Which endpoints are tracked when nothing more specific decides (the original's
/// <c>TRACK_USAGE_INCLUDE_OR_EXCLUDE_VIEWS</c>).
/// </summary>
public enum UsageTrackingMode
{
    /// <summary>Track every endpoint except the excluded ones (and requests matching no endpoint). The default.</summary>
    Exclude = 0,

    /// <summary>Track only endpoints and route groups that are explicitly included.</summary>
    Include = 1,
}
