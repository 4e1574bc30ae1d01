namespace UsageDashboard.Data.Rules;

/// <summary>
/// An admin's override for a route group or an endpoint (<c>tracking_rules</c>). Only
/// <see cref="TrackingSetting.Track"/> and <see cref="TrackingSetting.Exclude"/> are stored; setting
/// <see cref="TrackingSetting.Default"/> deletes the row.
/// </summary>
public sealed class TrackingRule
{
    /// <summary>Database identity.</summary>
    public long Id { get; set; }

    /// <summary>The application the rule belongs to.</summary>
    public string Application { get; set; } = "";

    /// <summary><see cref="RuleScope.Group"/> or <see cref="RuleScope.Endpoint"/>.</summary>
    public RuleScope Scope { get; set; }

    /// <summary>The group name or the endpoint id.</summary>
    public string Target { get; set; } = "";

    /// <summary>The override.</summary>
    public TrackingSetting Setting { get; set; }

    /// <summary>When the rule was last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who last changed the rule.</summary>
    public string UpdatedBy { get; set; } = "";
}
