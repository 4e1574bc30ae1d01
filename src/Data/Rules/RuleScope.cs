namespace UsageDashboard.Data.Rules;

/// <summary>What a tracking rule or an audit entry applies to.</summary>
public enum RuleScope
{
    /// <summary>The application's mode.</summary>
    Application = 0,

    /// <summary>A route group of the application.</summary>
    Group = 1,

    /// <summary>One endpoint of the application.</summary>
    Endpoint = 2,
}
