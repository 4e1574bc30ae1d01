namespace UsageDashboard.Data.Rules;

/// <summary>Which level of the precedence decided an endpoint's effective tracking state.</summary>
public enum TrackingSource
{
    /// <summary>The application's mode (configured, or overridden by an admin).</summary>
    ApplicationMode = 0,

    /// <summary>An attribute or convention in the host app's code.</summary>
    Code = 1,

    /// <summary>An admin's override for the endpoint's route group.</summary>
    GroupOverride = 2,

    /// <summary>An admin's override for the endpoint itself.</summary>
    EndpointOverride = 3,
}
