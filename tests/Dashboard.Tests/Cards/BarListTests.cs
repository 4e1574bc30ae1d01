using Bunit;
using UsageDashboard.Dashboard.Components.Cards;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Cards;

public sealed class BarListTests : DashboardTestContext
{
    [Fact]
    public void Bars_are_sized_relative_to_the_biggest_row()
    {
        var cut = Render<BarList>(p => p.Add(c => c.Items, [new BarListItem("/", 2000, 0.5, "/urls/detail?u=%2F"), new BarListItem("/about", 500, 0.125)]));

        var bars = cut.FindAll(".bar-list-bar").Select(b => b.GetAttribute("style") ?? "").ToArray();
        Assert.Equal(["width:100%", "width:25%"], bars);
        Assert.Equal("/urls/detail?u=%2F", cut.Find("a.bar-list-name").GetAttribute("href"));
        Assert.Equal(["2k", "500"], cut.FindAll(".bar-list-value").Select(v => v.TextContent.Trim()));
        Assert.Equal(["50%", "13%"], cut.FindAll(".bar-list-share").Select(v => v.TextContent.Trim()));
    }

    [Fact]
    public void Without_rows_it_says_so()
    {
        var cut = Render<BarList>(p => p.Add(c => c.Items, []).Add(c => c.EmptyText, "Nothing yet"));
        Assert.Contains("Nothing yet", cut.Markup, StringComparison.Ordinal);
    }
}
