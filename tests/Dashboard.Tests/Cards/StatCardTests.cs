using Bunit;
using UsageDashboard.Dashboard.Components.Cards;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Cards;

public sealed class StatCardTests : DashboardTestContext
{
    [Theory]
    [InlineData(0.25, false, "+25%", "good")]
    [InlineData(-0.034, false, "−3.4%", "bad")]
    [InlineData(0.10, true, "+10%", "bad")]
    [InlineData(-0.5, true, "−50%", "good")]
    [InlineData(0.0, false, "±0%", "neutral")]
    public void Change_badge_shows_direction_and_whether_it_is_good(double change, bool higherIsWorse, string text, string tone)
    {
        var cut = Render<StatCard>(p => p
            .Add(c => c.Label, "Requests").Add(c => c.Value, "1.2k").Add(c => c.Change, change)
            .Add(c => c.HigherIsWorse, higherIsWorse).Add(c => c.TestId, "card"));

        var badge = cut.Find("[data-testid=card-change]");
        Assert.Equal(text, badge.TextContent.Trim());
        Assert.Contains(tone, badge.ClassName, StringComparison.Ordinal);
        Assert.Equal("1.2k", cut.Find("[data-testid=card-value]").TextContent.Trim());
    }

    [Fact]
    public void Rates_change_in_percentage_points_and_a_first_period_reads_new()
    {
        var rate = Render<StatCard>(p => p.Add(c => c.Label, "Error rate").Add(c => c.Value, "2%").Add(c => c.Change, 0.004)
            .Add(c => c.AbsoluteChange, true).Add(c => c.TestId, "rate"));
        Assert.Equal("+0.4 pp", rate.Find("[data-testid=rate-change]").TextContent.Trim());

        var first = Render<StatCard>(p => p.Add(c => c.Label, "Requests").Add(c => c.Value, "10").Add(c => c.Change, (double?)null)
            .Add(c => c.HadPrevious, false).Add(c => c.TestId, "first"));
        Assert.Equal("new", first.Find("[data-testid=first-change]").TextContent.Trim());
    }

    [Fact]
    public void Loading_shows_skeletons_instead_of_numbers()
    {
        var cut = Render<StatCard>(p => p.Add(c => c.Label, "Requests").Add(c => c.Value, "1").Add(c => c.Loading, true).Add(c => c.TestId, "card"));
        Assert.NotEmpty(cut.FindAll(".mud-skeleton"));
        Assert.Empty(cut.FindAll("[data-testid=card-value]"));
    }
}
