using Bunit;
using UsageDashboard.Dashboard.Components.Layout;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Layout;

public sealed class NavMenuTests : DashboardTestContext
{
    [Fact]
    public void The_footer_names_the_time_zone_and_the_signed_in_user_on_lines_of_their_own()
    {
        AddAuthorization().SetAuthorized("alice");
        GoTo("/?tz=Asia%2FTokyo");

        var cut = Render<NavMenu>();

        var lines = cut.FindAll(".nav-footer > *");
        Assert.Equal(2, lines.Count);
        Assert.Equal("Times shown in Asia/Tokyo", lines[0].TextContent.Trim());
        Assert.StartsWith("Signed in as alice ·", cut.Find("[data-testid=signed-in-as]").TextContent.Trim(), StringComparison.Ordinal);
        // Captions render inline: without a block class each the two would run on as one sentence.
        Assert.All(lines, line => Assert.Contains("d-block", line.ClassList));
    }
}
