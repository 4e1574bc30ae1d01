namespace UsageDashboard.Tracker;

/// <summary>
/// Settings of runtime tracking rules, bound from the <c>UsageTracking:Rules</c> configuration section.
/// Rules are switched by admins in the dashboard and read from the shared database.
/// </summary>
public sealed class UsageTrackingRulesOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "UsageTracking:Rules";

    /// <summary>
    /// How often the tracker checks the rules' change counter (one single-row query). Default 500 ms,
    /// so a change reaches every instance well within 2 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Whether the application registers its endpoints in the shared catalog once it has started, so
    /// the dashboard can list them. Default <c>true</c>.
    /// </summary>
    public bool RegisterEndpoints { get; set; } = true;
}
