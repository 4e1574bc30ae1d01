namespace UsageDashboard.Data.Rules;

/// <summary>Whether an endpoint is tracked, and which level of the precedence decided it.</summary>
/// <param name="Tracked">True when requests to the endpoint are recorded.</param>
/// <param name="Source">The level that decided.</param>
public readonly record struct EffectiveTracking(bool Tracked, TrackingSource Source);
