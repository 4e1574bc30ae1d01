using Bunit;
using UsageDashboard.Dashboard.Components.Charts;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Charts;

public sealed class WorldMapTests : DashboardTestContext
{
    [Fact]
    public async Task Draws_values_and_reports_clicked_countries()
    {
        string? clicked = null;
        var values = new Dictionary<string, double> { ["DE"] = 10, ["US"] = 5 };
        var cut = Render<WorldMap>(p => p.Add(c => c.Values, values).Add(c => c.Selected, "DE")
            .Add(c => c.OnCountryClick, code => clicked = code));

        var map = Assert.Single(Charts.Maps);
        Assert.Equal(10, map.Values["DE"]);
        Assert.Equal("DE", map.Selected);

        await cut.InvokeAsync(() => cut.Instance.CountryClicked("US"));
        Assert.Equal("US", clicked);

        await cut.Instance.DisposeAsync();
        Assert.Equal(1, Charts.DestroyedMaps);
        Assert.Empty(map.Markers);
    }

    [Fact]
    public void Passes_markers_and_redraws_only_when_they_change()
    {
        var values = new Dictionary<string, double> { ["DE"] = 10 };
        IReadOnlyList<MapMarker> markers = [new MapMarker("Berlin", "Germany", 52.5, 13.4, 7)];
        var cut = Render<WorldMap>(p => p.Add(c => c.Values, values).Add(c => c.Markers, markers));

        Assert.Equal(markers, Assert.Single(Charts.Maps).Markers);

        cut.Render(p => p.Add(c => c.Values, values).Add(c => c.Markers, markers));
        Assert.Single(Charts.Maps);

        IReadOnlyList<MapMarker> none = [];
        cut.Render(p => p.Add(c => c.Values, values).Add(c => c.Markers, none));
        Assert.Equal(2, Charts.Maps.Count);
        Assert.Empty(Charts.Maps[1].Markers);
    }
}
