using Microsoft.AspNetCore.Builder;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Hosting;

public sealed class UsageTrackingApplicationBuilderExtensionsTests
{
    [Fact]
    public async Task UseUsageTracking_WithoutAddUsageTracking_ThrowsAClearError()
    {
        await using var app = TrackedApp.CreateBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.UseUsageTracking());

        Assert.Contains("AddUsageTracking()", error.Message, StringComparison.Ordinal);
    }
}
