namespace UsageDashboard.Data.Rules;

/// <summary>An application of the catalog with its mode and its groups.</summary>
/// <param name="Name">The application name.</param>
/// <param name="ConfiguredMode">The mode configured in the host app.</param>
/// <param name="ModeOverride">The admin's mode override; null when none.</param>
/// <param name="LastSeen">When an instance last registered (UTC).</param>
/// <param name="Groups">The groups, named ones first by name, then the endpoints in no group.</param>
public sealed record ApplicationRules(
    string Name, TrackingMode ConfiguredMode, TrackingMode? ModeOverride, DateTime LastSeen, IReadOnlyList<GroupRules> Groups)
{
    /// <summary>The mode in force: the override, else the configured mode.</summary>
    public TrackingMode EffectiveMode => ModeOverride ?? ConfiguredMode;
}
