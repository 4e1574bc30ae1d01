namespace UsageDashboard.Tracker.Selection;

/// <summary>
/// Everything the middleware needs to know about one endpoint, computed once and cached:
/// whether it is tracked, and the per-endpoint fields of its records (already cut to their limits).
/// </summary>
internal sealed class EndpointTrackingInfo
{
    public required EndpointIdentity Identity { get; init; }

    /// <summary>The route group recorded as <c>blueprint</c>.</summary>
    public string? Group { get; init; }

    /// <summary>The route pattern recorded as <c>route</c>.</summary>
    public string? Route { get; init; }

    /// <summary>The endpoint display name recorded as <c>endpoint</c>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>What the endpoint's attributes and conventions decide.</summary>
    public TrackingDecision CodeDecision { get; init; }

    /// <summary>The effective decision under the settings it was computed with.</summary>
    public bool IsTracked { get; init; }

    /// <summary>The route parameters recorded in <c>view_args</c> (not the MVC required values such as controller).</summary>
    public required string[] ViewArgNames { get; init; }

    /// <summary>The settings this was computed under; a cached entry from older settings is recomputed.</summary>
    internal required object Settings { get; init; }
}
