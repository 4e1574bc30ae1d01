using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Tracker;
using UsageDashboard.Tracker.Capture;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds usage tracking to the request pipeline.</summary>
public static class UsageTrackingApplicationBuilderExtensions
{
    /// <summary>
    /// Records requests from this point of the pipeline on. Place it early (before exception handlers
    /// see the request, after forwarded headers) so that failed requests and 404s are recorded too.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddUsageTracking()</c> was not called.</exception>
    public static IApplicationBuilder UseUsageTracking(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<UsageTrackingMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "Usage tracking services are not registered. Call 'builder.Services.AddUsageTracking()' " +
                "before 'app.UseUsageTracking()'.");
        }

        return app.UseMiddleware<UsageTrackingMiddleware>();
    }
}
