namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// The values set with <c>HttpContext.TrackVar</c>. Created on first use, so requests that never
/// set a value pay nothing, and independent of middleware order.
/// </summary>
internal sealed class TrackVarFeature
{
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
}
