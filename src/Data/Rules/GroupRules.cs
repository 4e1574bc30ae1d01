namespace UsageDashboard.Data.Rules;

/// <summary>A route group of an application with its override and its endpoints.</summary>
/// <param name="Application">The application.</param>
/// <param name="Name">The group name; null for the endpoints in no group.</param>
/// <param name="Override">The admin's group override (always <see cref="TrackingSetting.Default"/> for no group).</param>
/// <param name="Endpoints">The group's endpoints, ordered by route and methods.</param>
public sealed record GroupRules(string Application, string? Name, TrackingSetting Override, IReadOnlyList<EndpointRules> Endpoints);
