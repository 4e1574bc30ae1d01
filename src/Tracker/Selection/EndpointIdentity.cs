namespace UsageDashboard.Tracker.Selection;

/// <summary>
/// Names an endpoint stably across restarts and instances: the application, the route pattern and
/// the HTTP methods. Runtime rules and the endpoint catalog are keyed by it.
/// </summary>
/// <param name="Application">The application name (<c>UsageTracking:ApplicationName</c>).</param>
/// <param name="RoutePattern">The route pattern with a leading '/', or null for endpoints without one.</param>
/// <param name="Methods">The HTTP methods joined with ',' in ordinal order, or null when any method matches.</param>
internal readonly record struct EndpointIdentity(string Application, string? RoutePattern, string? Methods);
