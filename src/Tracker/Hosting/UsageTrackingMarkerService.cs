namespace UsageDashboard.Tracker;

/// <summary>Registered by <c>AddUsageTracking</c> so that <c>UseUsageTracking</c> can tell it was called.</summary>
internal sealed class UsageTrackingMarkerService;
