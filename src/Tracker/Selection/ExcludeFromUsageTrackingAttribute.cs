namespace UsageDashboard.Tracker;

/// <summary>
/// Excludes a controller, action or Razor Page from usage tracking, whatever the mode; it wins over
/// <see cref="TrackUsageAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ExcludeFromUsageTrackingAttribute : Attribute, IExcludeFromUsageTrackingMetadata
{
    /// <summary>The instance the endpoint conventions add; the attribute carries no data.</summary>
    internal static readonly ExcludeFromUsageTrackingAttribute Instance = new();
}
