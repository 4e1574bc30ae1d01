namespace UsageDashboard.Tracker;

/// <summary>Endpoint metadata that excludes the endpoint from usage tracking; it wins over inclusion.</summary>
public interface IExcludeFromUsageTrackingMetadata
{
}
