namespace UsageDashboard.Data.Rules;

/// <summary>What one tracker instance registers at startup: its application, mode and endpoints.</summary>
/// <param name="Application">The application name (<c>UsageTracking:ApplicationName</c>).</param>
/// <param name="ConfiguredMode">The configured mode (<c>UsageTracking:Mode</c>).</param>
/// <param name="Endpoints">Every routable endpoint of the app.</param>
/// <param name="StartedAt">When the instance started (UTC); becomes the endpoints' last seen time.</param>
public sealed record CatalogRegistration(
    string Application, TrackingMode ConfiguredMode, IReadOnlyList<CatalogEndpointInfo> Endpoints, DateTime StartedAt);
