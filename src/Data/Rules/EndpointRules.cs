namespace UsageDashboard.Data.Rules;

/// <summary>A catalog endpoint with its override and effective tracking state.</summary>
/// <param name="Id">The stable endpoint id.</param>
/// <param name="Application">The application.</param>
/// <param name="Group">The route group; null when none.</param>
/// <param name="RoutePattern">The route template.</param>
/// <param name="HttpMethods">Normalized HTTP methods.</param>
/// <param name="DisplayName">The endpoint display name.</param>
/// <param name="CodeSetting">The decision declared in code.</param>
/// <param name="Override">The admin's endpoint override.</param>
/// <param name="Effective">The effective state from <see cref="TrackingPrecedence"/>.</param>
/// <param name="LastSeen">When an instance last reported the endpoint (UTC).</param>
/// <param name="Stale">The latest start of the app no longer had this endpoint.</param>
public sealed record EndpointRules(
    string Id, string Application, string? Group, string RoutePattern, string HttpMethods, string? DisplayName,
    TrackingSetting CodeSetting, TrackingSetting Override, EffectiveTracking Effective, DateTime LastSeen, bool Stale);
