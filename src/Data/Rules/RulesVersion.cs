namespace UsageDashboard.Data.Rules;

/// <summary>
/// The single-row change counter (<c>tracking_rules_version</c>) bumped in the same transaction as
/// every rule change; trackers poll it with a one-row query and reload rules only when it moved.
/// </summary>
public sealed class RulesVersion
{
    /// <summary>The id of the one row.</summary>
    public const int SingletonId = 1;

    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; set; } = SingletonId;

    /// <summary>Incremented on every change of a rule or an application mode.</summary>
    public long Version { get; set; }
}
