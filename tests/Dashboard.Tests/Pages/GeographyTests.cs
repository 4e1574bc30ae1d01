using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;

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

        var map = cut.FindComponent<UsageDashboard.Dashboard.Components.Charts.WorldMap>();
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
}
