using Bunit;
using Microsoft.AspNetCore.Components;
using UsageDashboard.Dashboard.Components.Charts;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Charts;

public sealed class UsageChartTests : DashboardTestContext
{
    private static ChartSpec Spec(double value) => new()
    {
        Kind = ChartKind.Bar,
        Categories = ["a"],
        Series = [new ChartSeries("Requests", [value])],
    };

    [Fact]
    public void Draws_once_per_spec_and_redraws_on_new_data_or_theme()
    {
        var spec = Spec(1);
        var cut = Render<UsageChart>(p => p.Add(c => c.Spec, spec));
        Assert.Single(Charts.Charts);
        Assert.Equal("light", Charts.Charts[0]["theme"]!["mode"]!.GetValue<string>());

        cut.Render(p => p.Add(c => c.Spec, spec));
        Assert.Single(Charts.Charts);

        cut.Render(p => p.Add(c => c.Spec, Spec(2)));
        Assert.Equal(2, Charts.Charts.Count);
    }

    [Fact]
    public void Follows_the_dark_theme_cascaded_by_the_layout()
    {
        Render<CascadingValue<bool>>(p => p.Add(c => c.Name, "DarkMode").Add(c => c.Value, true)
            .AddChildContent<UsageChart>(chart => chart.Add(c => c.Spec, Spec(1))));

        Assert.Equal("dark", Assert.Single(Charts.Charts)["theme"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disposing_destroys_the_chart()
    {
        var cut = Render<UsageChart>(p => p.Add(c => c.Spec, Spec(1)));

        await cut.Instance.DisposeAsync();

        Assert.Equal(1, Charts.DestroyedCharts);
    }
}
