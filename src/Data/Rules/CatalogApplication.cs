namespace UsageDashboard.Data.Rules;

/// <summary>
/// A host application known to the catalog (<c>tracking_applications</c>), registered by its trackers
/// at startup, with the mode it configures and an admin's mode override.
/// </summary>
public sealed class CatalogApplication
{
    /// <summary>The application name (<c>UsageTracking:ApplicationName</c>); the key.</summary>
    public string Name { get; set; } = "";

    /// <summary>The mode configured in the host app (<c>UsageTracking:Mode</c>) at its last start.</summary>
    public TrackingMode ConfiguredMode { get; set; }

    /// <summary>An admin's override of the mode; null when the configured mode is in force.</summary>
    public TrackingMode? ModeOverride { get; set; }

    /// <summary>When an instance of the application last registered its endpoints (UTC).</summary>
    public DateTime LastSeen { get; set; }
}
