using UsageDashboard.Dashboard.Services;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Services;

public sealed class DashboardFilterTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Defaults_are_the_last_24_hours_of_humans()
    {
        var filter = DashboardFilter.Parse("http://localhost/");

        Assert.Equal(RangePreset.Last24Hours, filter.Range);
        Assert.Equal(BotMode.Humans, filter.Bots);
        Assert.Equal("", filter.ToQueryString());
        var usage = filter.ToUsageFilter(Now, TimeZoneInfo.Utc);
        Assert.Equal((Now.AddDays(-1), Now), (usage.Start, usage.End));
        Assert.Equal(BotFilter.Humans, usage.Bots);
    }

    [Fact]
    public void Round_trips_through_the_query_string()
    {
        var filter = new DashboardFilter
        {
            Range = RangePreset.Custom, From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 11, 7),
            Application = "Shop", RouteGroup = "api", Country = "DE", Bots = BotMode.All, TimeZone = "America/New_York",
        };

        var query = filter.ToQueryString();

        Assert.Equal("?range=custom&from=2026-11-01&to=2026-11-07&app=Shop&group=api&country=DE&bots=all&tz=America%2FNew_York", query);
        Assert.Equal(filter, DashboardFilter.Parse("http://x/urls" + query));
    }

    [Fact]
    public void Custom_days_are_whole_days_in_the_display_zone()
    {
        var filter = DashboardFilter.Parse("/?range=custom&from=2026-11-01&to=2026-11-02");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var (start, end) = filter.Resolve(Now, berlin);

        Assert.Equal(new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateTime(2026, 11, 2, 23, 0, 0, DateTimeKind.Utc), end);
    }

    [Theory]
    [InlineData("/?range=bogus", "24h")]
    [InlineData("/?range=custom", "24h")]
    [InlineData("/?range=custom&from=2026-11-05&to=2026-11-01", "24h")]
    [InlineData("/?range=1h", "1h")]
    [InlineData("/?range=30d#top", "30d")]
    public void Hand_edited_links_fall_back_to_defaults(string uri, string expected)
    {
        Assert.Equal(expected, DashboardFilter.RangeCode(DashboardFilter.Parse(uri).Range));
    }

    [Fact]
    public void Links_keep_the_filter_and_replace_page_values()
    {
        var filter = DashboardFilter.Parse("/?range=7d&country=fr");

        Assert.Equal("/requests?range=7d&country=FR&status=404", DashboardLinks.Build("/requests", filter, ("status", "404")));
        Assert.Equal("http://x/urls?range=7d&sort=p95", DashboardLinks.WithQuery("http://x/urls?range=7d&page=3", ("page", null), ("sort", "p95")));
    }
}
