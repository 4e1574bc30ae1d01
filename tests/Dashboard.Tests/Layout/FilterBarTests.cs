using Bunit;
using UsageDashboard.Dashboard.Components.Layout;
using UsageDashboard.Dashboard.Tests.Support;

namespace UsageDashboard.Dashboard.Tests.Layout;

public sealed class FilterBarTests : DashboardTestContext
{
    [Fact]
    public void Shows_the_filter_from_the_url_with_a_removable_country_chip()
    {
        GoTo("/urls?range=7d&country=DE&page=4");

        var cut = Render<FilterBar>();

        cut.WaitForAssertion(() => Assert.Contains("Country: Germany", cut.Find("[data-testid=filter-country]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=filter-country] .mud-chip-close-button").Click();

        // Removing a filter keeps the page and the other values, and starts again at page 1.
        Assert.EndsWith("/urls?range=7d", Navigation.Uri, StringComparison.Ordinal);
    }
}
