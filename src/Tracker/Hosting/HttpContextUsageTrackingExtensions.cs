using UsageDashboard.Tracker.Capture;

namespace Microsoft.AspNetCore.Http;

/// <summary>Per-request custom values recorded with the request (the original's <c>g.track_var</c>).</summary>
public static class HttpContextUsageTrackingExtensions
{
    /// <summary>
    /// Records <paramref name="value"/> under <paramref name="key"/> in the request's <c>track_var</c> JSON
    /// object; a later call with the same key replaces the value. Values are serialized with
    /// System.Text.Json when the request completes; one that cannot be serialized is stored as its
    /// <see cref="object.ToString"/> text. Ignored when the request is not tracked.
    /// </summary>
    public static void TrackVar(this HttpContext context, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(key);
        var feature = context.Features.Get<TrackVarFeature>();
        if (feature is null)
        {
            feature = new TrackVarFeature();
            context.Features.Set(feature);
        }

        feature.Values[key] = value;
    }
}
