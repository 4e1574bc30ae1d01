using Bunit;
using UsageDashboard.Dashboard.Components.Cards;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Cards;

public sealed class EmptyStateTests : DashboardTestContext
{
    [Fact]
    public void Explains_how_to_embed_the_tracker_and_how_to_see_demo_data()
    {
        var cut = Render<EmptyState>();

        var snippet = cut.Find("[data-testid=tracker-snippet]").TextContent;
        Assert.Contains("builder.Services.AddUsageTracking();", snippet, StringComparison.Ordinal);
        Assert.Contains("app.UseUsageTracking();", snippet, StringComparison.Ordinal);
        Assert.Contains("\"Usage\":", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Dashboard -- --demo", cut.Markup, StringComparison.Ordinal);
    }
}
