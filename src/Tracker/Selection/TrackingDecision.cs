namespace UsageDashboard.Tracker.Selection;

/// <summary>What code (attributes and conventions) says about one endpoint.</summary>
internal enum TrackingDecision
{
    /// <summary>Nothing: the application's mode decides.</summary>
    Default,

    /// <summary>Included with <c>[TrackUsage]</c> / <c>.TrackUsage()</c>.</summary>
    Track,

    /// <summary>Excluded with <c>[ExcludeFromUsageTracking]</c> / <c>.ExcludeFromUsageTracking()</c>; wins over Track.</summary>
    Exclude,
}
