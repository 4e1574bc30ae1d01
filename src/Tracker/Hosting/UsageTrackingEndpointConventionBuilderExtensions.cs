using UsageDashboard.Tracker;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Usage-tracking conventions for endpoints and route groups (minimal APIs, controllers, Razor Pages).
/// </summary>
public static class UsageTrackingEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Includes the endpoint, or every endpoint of the group, in usage tracking
    /// (the original's <c>include</c> / <c>include_blueprint</c>). Exclusion wins over it.
    /// </summary>
    public static TBuilder TrackUsage<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(static endpoint => endpoint.Metadata.Add(TrackUsageAttribute.Instance));
        return builder;
    }

    /// <summary>
    /// Excludes the endpoint, or every endpoint of the group, from usage tracking in every mode
    /// (the original's <c>exclude</c> / <c>exclude_blueprint</c>).
    /// </summary>
    public static TBuilder ExcludeFromUsageTracking<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(static endpoint => endpoint.Metadata.Add(ExcludeFromUsageTrackingAttribute.Instance));
        return builder;
    }

    /// <summary>
    /// Names the route group recorded as <c>blueprint</c> for the endpoint or every endpoint of the group,
    /// e.g. <c>app.MapGroup("/shop").WithUsageGroup("shop")</c>.
    /// </summary>
    public static TBuilder WithUsageGroup<TBuilder>(this TBuilder builder, string name) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new UsageGroupAttribute(name);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
