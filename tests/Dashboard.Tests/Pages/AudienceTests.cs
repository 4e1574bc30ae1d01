using Bunit;
using UsageDashboard.Dashboard.Components.Pages;
using UsageDashboard.Dashboard.Tests.Support;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Tests.Pages;

public sealed class AudienceTests : DashboardTestContext
{
    public AudienceTests() => GoTo("/audience");

    [Fact]
    public void Shows_browsers_platforms_devices_languages_and_bot_share()
    {
        var cut = Render<Audience>();

        cut.WaitForAssertion(() => Assert.Equal(3, Charts.Charts.Count));
        Assert.Equal("8.3%", cut.Find("[data-testid=card-bot-share-value]").TextContent.Trim());
        Assert.Contains("Chrome", cut.Find("[data-testid=browser-table]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Windows", cut.Find("[data-testid=platform-table]").TextContent, StringComparison.Ordinal);
        Assert.Contains("English (United States) (en-US)", cut.Find("[data-testid=language-list]").TextContent, StringComparison.Ordinal);
        // The tables follow the Clients filter (humans by default), the bot share looks at everyone.
        Assert.Contains(Stats.Calls, c => c.Filter.Bots == BotFilter.Humans);
        Assert.Contains(Stats.Calls, c => c.Filter.Bots == BotFilter.All);
    }

    [Fact]
    public void A_family_expands_into_its_versions()
    {
        var cut = Render<Audience>();
        cut.WaitForAssertion(() => cut.Find("[data-family='Chrome']"));
        Assert.DoesNotContain("Chrome 131", cut.Markup, StringComparison.Ordinal);

        cut.Find("[data-family='Chrome']").Click();

        Assert.Contains("Chrome 131", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Chrome 130", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_filter_change_reloads_and_empty_database_shows_guidance()
    {
        var cut = Render<Audience>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=browser-table]"));

        Navigation.NavigateTo("/audience?bots=bots");
        cut.WaitForAssertion(() => Assert.Equal(BotFilter.All, Stats.Calls.Last().Filter.Bots));
        Assert.Contains(Stats.Calls, c => c.Filter.Bots == BotFilter.Bots);

        Stats.HasRecords = false;
        Navigation.NavigateTo("/audience?bots=all");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
    }
}
