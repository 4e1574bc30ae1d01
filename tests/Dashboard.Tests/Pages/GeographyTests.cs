using Bunit;
using UsageDashboard.Dashboard.Components.Cards;
using UsageDashboard.Dashboard.Components.Charts;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class GeographyTests : DashboardTestContext
{
    public GeographyTests() => GoTo("/geography");

    [Fact]
    public void Draws_the_map_and_keeps_unknown_in_the_table()
    {
        var cut = Render<Geography>();

        cut.WaitForAssertion(() => Assert.Single(Charts.Maps));
        var map = Charts.Maps[0];
        Assert.Equal(6_000, map.Values["DE"]);
        Assert.False(map.Values.ContainsKey("ZZ"));
        var rows = cut.FindAll("[data-testid=country-table] tbody tr").Select(r => r.TextContent).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Contains("Unknown", rows[2], StringComparison.Ordinal);
        Assert.Contains("Berlin", cut.Find("[data-testid=city-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Cities_with_coordinates_are_drawn_as_markers_over_the_countries()
    {
        var sample = SampleData.Geography();
        Stats.Geography = _ => sample with
        {
            Cities = [.. sample.Cities, new CityCount("DE", "Germany", "Hamburg", null, null, 700, 0.05)],
        };

        var cut = Render<Geography>();

        cut.WaitForAssertion(() => Assert.Single(Charts.Maps));
        Assert.Equal(
            [new MapMarker("Berlin", "Germany", 52.5, 13.4, 2_000), new MapMarker("Seattle", "United States", 47.6, -122.3, 900)],
            Charts.Maps[0].Markers);
        // The city without coordinates is still listed, only not placed.
        Assert.Contains("Hamburg", cut.Find("[data-testid=city-table]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Dots are the cities", MapHelp(cut), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_coordinates_the_map_has_no_markers()
    {
        var sample = SampleData.Geography();
        Stats.Geography = _ => sample with { Cities = [.. sample.Cities.Select(c => c with { Latitude = null, Longitude = null })] };

        var cut = Render<Geography>();

        cut.WaitForAssertion(() => Assert.Single(Charts.Maps));
        Assert.Empty(Charts.Maps[0].Markers);
        Assert.Equal(6_000, Charts.Maps[0].Values["DE"]);
        Assert.Contains("Seattle", cut.Find("[data-testid=city-table]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Dots are the cities", MapHelp(cut), StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_follow_the_selected_country_while_the_map_keeps_every_country()
    {
        GoTo("/geography?country=US");
        var sample = SampleData.Geography();
        Stats.Geography = f => f.CountryCode == "US" ? sample with { Cities = [.. sample.Cities.Where(c => c.CountryCode == "US")] } : sample;

        var cut = Render<Geography>();

        cut.WaitForAssertion(() => Assert.Equal("Seattle", Assert.Single(Charts.Maps.Last().Markers).Name));
        Assert.True(Charts.Maps.Last().Values.ContainsKey("DE"));
    }

    [Fact]
    public void Clicking_a_country_filters_by_it_and_clicking_again_clears()
    {
        var cut = Render<Geography>();
        cut.WaitForAssertion(() => cut.Find("[data-country='US']"));

        cut.Find("[data-country='US']").Click();

        Assert.EndsWith("/geography?country=US", Navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal("US", Charts.Maps.Last().Selected));
        // The map keeps every country; the cities narrow to the selection.
        Assert.Contains(Stats.Calls, c => c.Filter.CountryCode == "US");
        Assert.Contains("Cities in United States", cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-country='US']").Click();
        Assert.EndsWith("/geography", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_click_on_the_map_filters_too()
    {
        var cut = Render<Geography>();
        cut.WaitForAssertion(() => Assert.Single(Charts.Maps));

        var map = cut.FindComponent<WorldMap>();
        cut.InvokeAsync(() => map.Instance.CountryClicked("de"));

        Assert.EndsWith("/geography?country=DE", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_database_shows_guidance()
    {
        Stats.HasRecords = false;
        var cut = Render<Geography>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
        Assert.Empty(Charts.Maps);
    }

    private static string MapHelp(IRenderedComponent<Geography> cut) =>
        cut.FindComponents<DashCard>().Single(c => c.Instance.Title == "Requests by country").Instance.Help!;
}
