namespace UsageDashboard.Data.Rules;

/// <summary>
/// The one place that decides whether an endpoint is tracked. Used by every tracker on each request
/// (through a cached <see cref="RulesSnapshot"/>) and by the dashboard to show effective states, so both
/// always agree.
/// </summary>
/// <remarks>
/// Precedence, highest first:
/// <list type="number">
/// <item><description>an endpoint override stored by an admin (<c>track</c> / <c>exclude</c>);</description></item>
/// <item><description>a route group override stored by an admin;</description></item>
/// <item><description>the code-level decision: <c>[TrackUsage]</c> / <c>[ExcludeFromUsageTracking]</c> or the
/// <c>.TrackUsage()</c> / <c>.ExcludeFromUsageTracking()</c> conventions on the endpoint or its group
/// (exclude wins over include inside code);</description></item>
/// <item><description>the application mode (an admin's override of the mode, else the configured
/// <c>UsageTracking:Mode</c>): <c>Exclude</c> tracks, <c>Include</c> does not.</description></item>
/// </list>
/// A level set to <see cref="TrackingSetting.Default"/> passes the decision to the next one.
/// </remarks>
public static class TrackingPrecedence
{
    /// <summary>Resolves the effective tracking state of one endpoint.</summary>
    /// <param name="endpointOverride">The admin's override for the endpoint.</param>
    /// <param name="groupOverride">The admin's override for the endpoint's route group.</param>
    /// <param name="code">The decision declared in code by attributes or conventions.</param>
    /// <param name="mode">The application mode in force (admin override already applied).</param>
    /// <returns>Whether the endpoint is tracked and the deciding level.</returns>
    public static EffectiveTracking Resolve(
        TrackingSetting endpointOverride, TrackingSetting groupOverride, TrackingSetting code, TrackingMode mode)
    {
        if (endpointOverride != TrackingSetting.Default)
        {
            return new(endpointOverride == TrackingSetting.Track, TrackingSource.EndpointOverride);
        }

        if (groupOverride != TrackingSetting.Default)
        {
            return new(groupOverride == TrackingSetting.Track, TrackingSource.GroupOverride);
        }

        if (code != TrackingSetting.Default)
        {
            return new(code == TrackingSetting.Track, TrackingSource.Code);
        }

        return new(mode == TrackingMode.Exclude, TrackingSource.ApplicationMode);
    }
}
