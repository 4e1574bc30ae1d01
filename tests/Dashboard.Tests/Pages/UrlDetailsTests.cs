using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class UrlDetailsTests : DashboardTestContext
{
    public UrlDetailsTests() => GoTo("/urls/detail");

    [Fact]
    public void Shows_the_url_with_percentiles_histogram_status_and_recent_requests()
    {
        GoTo("/urls/detail?u=%2Fshop%2Fproducts%2F%7Bid%7D");

        var cut = Render<UrlDetails>();

        cut.WaitForAssertion(() => Assert.Equal(3, Charts.Charts.Count));
        Assert.Equal(new UrlKey(UrlGrouping.Route, "/shop/products/{id}"), Stats.Calls.Last().Filter.Url ?? new UrlKey(UrlGrouping.Route, "/shop/products/{id}"));
        Assert.Contains("/shop/products/{id}", cut.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal("5k", cut.Find("[data-testid=url-hits-value]").TextContent.Trim());
        var histogram = Charts.Charts.Single(c => c["xaxis"]?["categories"] is not null);
        Assert.Equal(["< 12.5 ms", "< 16 ms", "≥ 2 s"], histogram["xaxis"]!["categories"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(2, cut.FindAll("[data-testid=request-table] tbody tr").Count);
        Assert.Contains("Germany", cut.Find("[data-testid=card-url-countries]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_paths_are_asked_for_as_paths_and_link_to_their_requests()
    {
        GoTo("/urls/detail?u=%2Fshop%2Fproducts%2F42&raw=1&range=1h");
        UrlKey? asked = null;
        Stats.UrlDetail = (filter, url) =>
        {
            asked = url;
            return SampleData.UrlDetail(filter, url);
        };

        var cut = Render<UrlDetails>();

        cut.WaitForAssertion(() => Assert.Equal(new UrlKey(UrlGrouping.Path, "/shop/products/42"), asked));
        Assert.Contains("/requests?range=1h&amp;path=%2Fshop%2Fproducts%2F42", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_without_requests_in_the_range_says_so()
    {
        GoTo("/urls/detail?u=%2Fold");
        Stats.UrlDetail = (filter, url) => SampleData.UrlDetail(filter, url) with { Summary = null, RecentRequests = [] };

        var cut = Render<UrlDetails>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=url-no-requests]"));
    }

    [Fact]
    public void Without_a_url_it_points_to_the_url_list()
    {
        GoTo("/urls/detail");

        var cut = Render<UrlDetails>();

        cut.WaitForAssertion(() => Assert.Contains("Pick a URL", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(Charts.Charts);
    }

    [Fact]
    public void Empty_database_shows_guidance()
    {
        Stats.HasRecords = false;
        GoTo("/urls/detail?u=%2F");
        var cut = Render<UrlDetails>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
    }
}
