namespace UsageDashboard.Tracker;

/// <summary>Endpoint metadata that includes the endpoint in usage tracking.</summary>
/// <remarks>Exclusion (<see cref="IExcludeFromUsageTrackingMetadata"/>) wins when both are present.</remarks>
public interface ITrackUsageMetadata
{
}
