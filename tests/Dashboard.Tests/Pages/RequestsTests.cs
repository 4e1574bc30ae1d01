using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class RequestsTests : DashboardTestContext
{
    public RequestsTests() => GoTo("/requests");

    [Fact]
    public void Lists_requests_newest_first_in_the_display_time_zone()
    {
        var cut = Render<Requests>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=request-table] tbody tr").Count));
        var first = cut.FindAll("[data-testid=request-table] tbody tr")[0].TextContent;
        // 11:59 UTC shown in the browser's zone (Europe/Berlin, UTC+1 in November).
        Assert.Contains("25 Nov 2026 12:59:00", first, StringComparison.Ordinal);
        Assert.Contains("/shop/products/42", first, StringComparison.Ordinal);
        Assert.Contains("42 ms", first, StringComparison.Ordinal);
        Assert.Contains("1–50 of 120", cut.Find("[data-testid=pager]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_filter_in_the_url_reaches_the_query()
    {
        GoTo("/requests?path=%2Fshop&status=5xx&method=post&country=de&user=alice&addr=203.0.113.7&route=%2Fapi%2Forders&page=3&tz=UTC");

        var cut = Render<Requests>();

        cut.WaitForAssertion(() => Assert.NotEmpty(Stats.Calls));
        var filter = Stats.LastFilter(nameof(FakeUsageStatistics.GetRequestsAsync));
        Assert.Equal("/shop", filter.PathContains);
        Assert.Equal(5, filter.StatusClass);
        Assert.Null(filter.Status);
        Assert.Equal("POST", filter.Method);
        Assert.Equal("DE", filter.CountryCode);
        Assert.Equal("alice", filter.UserName);
        Assert.Equal("203.0.113.7", filter.RemoteAddr);
        Assert.Equal(new UrlKey(UrlGrouping.Route, "/api/orders"), filter.Url);
        cut.WaitForAssertion(() => Assert.Contains("25 Nov 2026 11:59:00", cut.Find("[data-testid=request-table]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("404", 404, null)]
    [InlineData("5xx", null, 5)]
    [InlineData("4", null, 4)]
    public void Status_accepts_codes_and_classes(string text, int? code, int? statusClass)
    {
        Assert.True(Requests.TryParseStatus(text, out var parsedCode, out var parsedClass));
        Assert.Equal(code, parsedCode);
        Assert.Equal(statusClass, parsedClass);
    }

    [Fact]
    public void An_invalid_status_is_explained_not_applied()
    {
        GoTo("/requests?status=abc");
        var cut = Render<Requests>();
        cut.WaitForAssertion(() => Assert.Contains("A code (404) or a class (5xx)", cut.Markup, StringComparison.Ordinal));
        var filter = Stats.LastFilter(nameof(FakeUsageStatistics.GetRequestsAsync));
        Assert.Null(filter.Status);
        Assert.Null(filter.StatusClass);
    }

    [Fact]
    public void A_row_opens_the_drawer_with_every_field_pretty_printed()
    {
        var cut = Render<Requests>();
        cut.WaitForAssertion(() => cut.Find("[data-request-id='101']"));

        cut.Find("[data-request-id='101']").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=request-detail]"));
        var detail = cut.Find("[data-testid=request-detail]").TextContent;
        Assert.Equal([101L], Stats.RequestIds);
        foreach (var field in new[] { "view_args", "url_args", "track_var", "ip_info", "remote_addr", "user_agent", "visitor_id", "server_name" })
        {
            Assert.Contains(field, detail, StringComparison.Ordinal);
        }

        Assert.Contains("\"campaign\": \"winter\"", detail, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"42\"", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Paging_changes_the_url_and_the_query()
    {
        var cut = Render<Requests>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=pager]"));
        var pages = new List<int>();
        Stats.Requests = (_, page) =>
        {
            pages.Add(page);
            return SampleData.Requests(page);
        };

        Navigation.NavigateTo("/requests?page=2");

        cut.WaitForAssertion(() => Assert.Equal([2], pages));
    }

    [Fact]
    public void Empty_database_shows_guidance_and_empty_filter_result_says_so()
    {
        Stats.Requests = (_, page) => new PagedResult<UsageDashboard.Tracker.UsageRecord>([], 0, page, 50);
        var cut = Render<Requests>();
        cut.WaitForAssertion(() => Assert.Contains("No request matches", cut.Find("[data-testid=no-requests]").TextContent, StringComparison.Ordinal));

        Stats.HasRecords = false;
        Navigation.NavigateTo("/requests?path=x");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
    }
}
