namespace UsageDashboard.Tracker;

/// <summary>
/// Includes a controller, action or Razor Page in usage tracking (needed in
/// <see cref="UsageTrackingMode.Include"/> mode). <see cref="ExcludeFromUsageTrackingAttribute"/> wins over it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class TrackUsageAttribute : Attribute, ITrackUsageMetadata
{
    /// <summary>The instance the endpoint conventions add; the attribute carries no data.</summary>
    internal static readonly TrackUsageAttribute Instance = new();
}
