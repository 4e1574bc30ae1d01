namespace UsageDashboard.Data.Rules;

/// <summary>One change of a rule or an application mode (<c>tracking_rule_audit</c>): who, when, what, old → new.</summary>
public sealed class RuleAuditEntry
{
    /// <summary>Database identity; increases with time.</summary>
    public long Id { get; set; }

    /// <summary>When the change was made (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>The user name or API key label that made the change.</summary>
    public string User { get; set; } = "";

    /// <summary>The application changed.</summary>
    public string Application { get; set; } = "";

    /// <summary>What was changed.</summary>
    public RuleScope Scope { get; set; }

    /// <summary>The group name or endpoint id; empty for an application mode change.</summary>
    public string Target { get; set; } = "";

    /// <summary>A readable description of the target (group name, or methods and route of the endpoint).</summary>
    public string TargetDisplay { get; set; } = "";

    /// <summary>The value before: <c>default</c>, <c>track</c>, <c>exclude</c> (or a mode).</summary>
    public string OldValue { get; set; } = "";

    /// <summary>The value after.</summary>
    public string NewValue { get; set; } = "";
}
