using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class StatusCodesTests : DashboardTestContext
{
    public StatusCodesTests() => GoTo("/status-codes");

    [Fact]
    public void Stacks_classes_over_time_and_lists_every_code()
    {
        var cut = Render<StatusCodes>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=status-table] tbody tr").Count));
        var chart = Assert.Single(Charts.Charts);
        Assert.True(chart["chart"]!["stacked"]!.GetValue<bool>());
        // Classes that never occur (1xx, other) are left out.
        Assert.Equal(["2xx", "3xx", "4xx", "5xx"], chart["series"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var notFound = cut.Find("[data-status='404']");
        Assert.Contains("Not Found", notFound.TextContent, StringComparison.Ordinal);
        Assert.Contains("/missing", notFound.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_a_code_opens_the_request_log_filtered_by_it()
    {
        GoTo("/status-codes?range=7d");
        var cut = Render<StatusCodes>();
        cut.WaitForAssertion(() => cut.Find("[data-status='500']"));

        cut.Find("[data-status='500']").Click();

        Assert.EndsWith("/requests?range=7d&status=500", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_change_reloads_and_empty_database_shows_guidance()
    {
        var cut = Render<StatusCodes>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=status-table]"));

        Navigation.NavigateTo("/status-codes?group=api");
        cut.WaitForAssertion(() => Assert.Equal("api", Stats.Calls.Last().Filter.Group));

        Stats.HasRecords = false;
        Navigation.NavigateTo("/status-codes?group=shop");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
    }
}
