using UsageDashboard.Tracker.Enrichment.UserAgents;

namespace UsageDashboard.Tracker.Tests.Enrichment.UserAgents;

public sealed class UserAgentEnricherTests
{
    private static readonly UserAgentParser Parser = new(UapParser.FromEmbeddedRegexes(TimeSpan.FromSeconds(5)));

    [Fact]
    public async Task Fills_browser_version_platform_os_version_and_device()
    {
        var iphone = Batch.Request(userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1");
        var chrome = Batch.Request(userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36");

        await new UserAgentEnricher(Parser).EnrichAsync([iphone, chrome], TestContext.Current.CancellationToken);

        Assert.Equal("Mobile Safari", iphone.Record.Browser);
        Assert.Equal("17.1.2", iphone.Record.BrowserVersion);
        Assert.Equal("iOS", iphone.Record.Platform);
        Assert.Equal("17.1.2", iphone.Record.OsVersion);
        Assert.Equal("iPhone", iphone.Record.Device);

        Assert.Equal("Chrome", chrome.Record.Browser);
        Assert.Equal("120.0.6099", chrome.Record.BrowserVersion);
        Assert.Equal("Windows", chrome.Record.Platform);
        Assert.Equal("10", chrome.Record.OsVersion);
    }

    [Fact]
    public async Task An_unknown_agent_is_Other_and_no_agent_leaves_the_fields_empty()
    {
        var unknown = Batch.Request(userAgent: "zzz");
        var none = Batch.Request(userAgent: null);

        await new UserAgentEnricher(Parser).EnrichAsync([unknown, none], TestContext.Current.CancellationToken);

        Assert.Equal("Other", unknown.Record.Browser);
        Assert.Equal("Other", unknown.Record.Platform);
        Assert.Equal("Other", unknown.Record.Device);
        Assert.Null(unknown.Record.BrowserVersion);
        Assert.Null(none.Record.Browser);
    }

    [Fact]
    public async Task Each_record_gets_the_fields_of_its_own_agent_when_agents_repeat_and_alternate()
    {
        const string iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
        const string chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36";
        string?[] agents = [iphone, iphone, chrome, null, chrome, iphone];
        var batch = agents.Select(a => Batch.Request(userAgent: a)).ToList();

        await new UserAgentEnricher(Parser).EnrichAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(["Mobile Safari", "Mobile Safari", "Chrome", null, "Chrome", "Mobile Safari"], batch.Select(r => r.Record.Browser));
        Assert.Equal(["17.1.2", "17.1.2", "120.0.6099", null, "120.0.6099", "17.1.2"], batch.Select(r => r.Record.BrowserVersion));
        Assert.Equal(["iOS", "iOS", "Windows", null, "Windows", "iOS"], batch.Select(r => r.Record.Platform));
    }

    [Fact]
    public void Repeated_agents_come_from_the_cache()
    {
        var parser = new UserAgentParser(UapParser.FromEmbeddedRegexes(), cacheSize: 4);
        const string agent = "curl/8.5.0";
        Assert.Same(parser.Describe(agent), parser.Describe(agent));
    }
}
