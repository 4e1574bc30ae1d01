namespace UsageDashboard.Data.Rules;

/// <summary>One endpoint as a tracker reports it at startup.</summary>
/// <param name="Group">The route group (blueprint) name; null when none.</param>
/// <param name="RoutePattern">The route template, as the tracker records it in <c>route</c>.</param>
/// <param name="HttpMethods">Normalized methods (<see cref="EndpointIdentity.NormalizeMethods"/>).</param>
/// <param name="DisplayName">The endpoint display name.</param>
/// <param name="CodeSetting">The decision declared in code by attributes or conventions.</param>
public sealed record CatalogEndpointInfo(
    string? Group, string RoutePattern, string HttpMethods, string? DisplayName, TrackingSetting CodeSetting);
