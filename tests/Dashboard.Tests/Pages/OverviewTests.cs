using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class OverviewTests : DashboardTestContext
{
    public OverviewTests() => GoTo("/");

    [Fact]
    public void Shows_every_card_with_formatted_numbers_and_changes()
    {
        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("12.3k", cut.Find("[data-testid=card-requests-value]").TextContent.Trim()));
        Assert.Equal("+23%", cut.Find("[data-testid=card-requests-change]").TextContent.Trim());
        Assert.Equal("2.3k", cut.Find("[data-testid=card-visitors-value]").TextContent.Trim());
        Assert.Equal("1.0%", cut.Find("[data-testid=card-errors-value]").TextContent.Trim());
        Assert.Equal("43 ms", cut.Find("[data-testid=card-median-value]").TextContent.Trim());
        Assert.Equal("380 ms", cut.Find("[data-testid=card-p95-value]").TextContent.Trim());
        Assert.Equal("94.2 MB", cut.Find("[data-testid=card-bytes-value]").TextContent.Trim());
        // Latency went down 5 %: good news is green.
        Assert.Contains("good", cut.Find("[data-testid=card-p95-change]").ClassName, StringComparison.Ordinal);
        Assert.Contains("vs previous 24 hours", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Draws_the_time_series_and_the_status_donut()
    {
        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal(2, Charts.Charts.Count));
        var series = Charts.Charts.Single(c => c["chart"]!["type"]!.GetValue<string>() == "bar");
        Assert.Equal(["Requests", "p95 latency"], series["series"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var donut = Charts.Charts.Single(c => c["chart"]!["type"]!.GetValue<string>() == "donut");
        Assert.Equal(["2xx", "3xx", "4xx", "5xx"], donut["labels"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public void Lists_top_urls_and_countries_with_links_that_keep_the_filter()
    {
        GoTo("/?range=7d");
        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=top-urls] .bar-list-row").Count));
        var firstUrl = cut.Find("[data-testid=top-urls] a");
        Assert.Equal("/shop/products/{id}", firstUrl.TextContent);
        Assert.Equal("/urls/detail?range=7d&u=%2Fshop%2Fproducts%2F%7Bid%7D", firstUrl.GetAttribute("href"));
        var countries = cut.FindAll("[data-testid=top-countries] .bar-list-name").Select(e => e.TextContent).ToArray();
        Assert.Contains(countries, c => c.EndsWith("Unknown", StringComparison.Ordinal));
        Assert.Equal("/geography?range=7d&country=DE", cut.Find("[data-testid=top-countries] a").GetAttribute("href"));
    }

    [Fact]
    public void Empty_database_shows_setup_guidance_instead_of_charts()
    {
        Stats.HasRecords = false;

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
        Assert.Contains("AddUsageTracking", cut.Find("[data-testid=tracker-snippet]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=card-requests]"));
        Assert.Empty(Charts.Charts);
        Assert.DoesNotContain(Stats.Calls, c => c.Method == nameof(FakeUsageStatistics.GetOverviewAsync));
    }

    [Fact]
    public void A_range_without_requests_shows_zeros_not_errors()
    {
        Stats.Overview = _ => SampleData.EmptyRange();
        Stats.StatusClasses = [];
        Stats.TopUrls = [];
        Stats.TopCountries = [];

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=card-requests-value]").TextContent.Trim()));
        Assert.Equal("–", cut.Find("[data-testid=card-p95-value]").TextContent.Trim());
        Assert.Contains("No requests in this range", cut.Find("[data-testid=card-status-classes]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=load-error]"));
    }

    [Fact]
    public void Changing_the_filter_in_the_url_reloads_with_the_new_range()
    {
        var cut = Render<Overview>();
        cut.WaitForAssertion(() => Assert.Equal("12.3k", cut.Find("[data-testid=card-requests-value]").TextContent.Trim()));
        Assert.Equal(TimeSpan.FromHours(24), Stats.LastFilter(nameof(FakeUsageStatistics.GetOverviewAsync)).Duration);
        Assert.Equal(BotFilter.Humans, Stats.LastFilter(nameof(FakeUsageStatistics.GetOverviewAsync)).Bots);

        Stats.Overview = _ => SampleData.Overview(requests: 1_500_000);
        Navigation.NavigateTo("/?range=7d&app=Shop&bots=all");

        cut.WaitForAssertion(() => Assert.Equal("1.5M", cut.Find("[data-testid=card-requests-value]").TextContent.Trim()));
        var filter = Stats.LastFilter(nameof(FakeUsageStatistics.GetOverviewAsync));
        Assert.Equal(TimeSpan.FromDays(7), filter.Duration);
        Assert.Equal(SampleData.Now, filter.End);
        Assert.Equal("Shop", filter.Application);
        Assert.Equal(BotFilter.All, filter.Bots);
        Assert.Contains("vs previous 7 days", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_refresh_reloads_every_five_seconds_while_on()
    {
        var cut = Render<Overview>();
        cut.WaitForAssertion(() => Assert.Single(Stats.Calls, c => c.Method == nameof(FakeUsageStatistics.GetOverviewAsync)));

        cut.Find(".live-switch input").Change(true);
        Stats.Overview = _ => SampleData.Overview(requests: 20_000);
        Clock.Advance(TimeSpan.FromSeconds(5));

        cut.WaitForAssertion(() => Assert.Equal("20k", cut.Find("[data-testid=card-requests-value]").TextContent.Trim()));
        var loads = Stats.Calls.Count(c => c.Method == nameof(FakeUsageStatistics.GetOverviewAsync));

        cut.Find(".live-switch input").Change(false);
        Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(loads, Stats.Calls.Count(c => c.Method == nameof(FakeUsageStatistics.GetOverviewAsync)));
    }

    [Fact]
    public void A_failing_query_shows_the_error_with_a_retry()
    {
        Stats.Failure = new InvalidOperationException("database is locked");

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Contains("database is locked", cut.Find("[data-testid=load-error]").TextContent, StringComparison.Ordinal));
        Stats.Failure = null;
        cut.Find("[data-testid=load-error] button").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=load-error]")));
        Assert.Equal("12.3k", cut.Find("[data-testid=card-requests-value]").TextContent.Trim());
    }
}
