using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class UrlsTests : DashboardTestContext
{
    public UrlsTests() => GoTo("/urls");

    [Fact]
    public void Lists_route_templates_with_latency_columns_and_paging()
    {
        var cut = Render<Urls>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=url-table] tbody tr").Count));
        var cells = cut.FindAll("[data-testid=url-table] tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["/shop/products/{id}", "5k", "1.0%", "48 ms", "40 ms", "310 ms", "900 ms", "2.4 s", "38.1 MB"], cells);
        Assert.Contains("1–25 of 62", cut.Find("[data-testid=pager]").TextContent, StringComparison.Ordinal);
        Assert.Equal(UrlGrouping.Route, Stats.UrlQueries.Last().Grouping);
        Assert.Equal("/urls/detail?u=%2Fshop%2Fproducts%2F%7Bid%7D", cut.Find("[data-testid=url-table] a").GetAttribute("href"));
    }

    [Fact]
    public void Query_string_drives_search_grouping_sort_and_page()
    {
        GoTo("/urls?q=shop&raw=1&sort=p95&dir=asc&page=2");

        var cut = Render<Urls>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Stats.UrlQueries));
        var query = Stats.UrlQueries.Last();
        Assert.Equal("shop", query.Search);
        Assert.Equal(UrlGrouping.Path, query.Grouping);
        Assert.Equal(UrlSort.P95Latency, query.Sort);
        Assert.False(query.Descending);
        Assert.Equal(2, query.Page);
        Assert.Contains("raw=1", cut.Find("[data-testid=url-table] a").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_a_header_sorts_by_it_and_reloads()
    {
        var cut = Render<Urls>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=url-table]"));

        cut.FindAll("th .sort-button").Single(b => b.TextContent.Trim() == "p95").Click();

        Assert.EndsWith("/urls?sort=p95", Navigation.Uri, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(UrlSort.P95Latency, Stats.UrlQueries.Last().Sort));
        Assert.True(Stats.UrlQueries.Last().Descending);
    }

    [Fact]
    public void Export_links_carry_the_table_state()
    {
        GoTo("/urls?q=api&raw=1");
        var cut = Render<Urls>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=url-table]"));

        var href = cut.Instance.ExportHref("csv");
        Assert.StartsWith("/api/stats/urls/export?format=csv&start=2026-11-24T12", href, StringComparison.Ordinal);
        Assert.Contains("&bots=humans", href, StringComparison.Ordinal);
        Assert.Contains("&grouping=path&search=api&sort=requests&desc=true", href, StringComparison.Ordinal);
    }

    [Fact]
    public void No_match_and_empty_database_have_their_own_messages()
    {
        Stats.Urls = new PagedResult<UrlStatistics>([], 0, 1, 25);
        GoTo("/urls?q=nothing");
        var cut = Render<Urls>();
        cut.WaitForAssertion(() => Assert.Contains("No URL contains \"nothing\"", cut.Find("[data-testid=no-urls]").TextContent, StringComparison.Ordinal));

        Stats.HasRecords = false;
        Navigation.NavigateTo("/urls?q=other");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
    }
}
