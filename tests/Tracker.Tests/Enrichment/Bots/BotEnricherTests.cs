using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Enrichment.Bots;
using UsageDashboard.Tracker.Enrichment.UserAgents;

namespace UsageDashboard.Tracker.Tests.Enrichment.Bots;

public sealed class BotEnricherTests
{
    private static readonly UserAgentParser Parser = new(UapParser.FromEmbeddedRegexes(TimeSpan.FromSeconds(5)));

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)")]
    [InlineData("UptimeRobot/2.0")]
    public async Task Crawlers_and_automated_clients_are_bots(string agent)
    {
        var request = Batch.Request(userAgent: agent);
        await Enricher(record: true).EnrichAsync([request], TestContext.Current.CancellationToken);
        Assert.True(request.Record.IsBot);
        Assert.False(request.Discard);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.91 Mobile Safari/537.36")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0")]
    public async Task Browsers_are_not_bots(string agent)
    {
        var request = Batch.Request(userAgent: agent);
        await Enricher(record: true).EnrichAsync([request], TestContext.Current.CancellationToken);
        Assert.False(request.Record.IsBot);
    }

    [Fact]
    public async Task Bots_are_discarded_when_not_recorded()
    {
        var bot = Batch.Request(userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var human = Batch.Request(userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0");

        await Enricher(record: false).EnrichAsync([bot, human], TestContext.Current.CancellationToken);

        Assert.True(bot.Discard);
        Assert.False(human.Discard);
    }

    [Fact]
    public async Task Each_record_is_judged_by_its_own_agent_when_agents_repeat_and_alternate()
    {
        const string crawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        const string browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0";
        string?[] agents = [crawler, crawler, browser, browser, crawler, null, browser, "curl/8.5.0"];
        var batch = agents.Select(a => Batch.Request(userAgent: a)).ToList();

        await Enricher(record: true).EnrichAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal([true, true, false, false, true, false, false, true], batch.Select(r => r.Record.IsBot));
    }

    private static BotEnricher Enricher(bool record) =>
        new(Parser, new StaticOptionsMonitor<BotOptions>(new BotOptions { Record = record }));
}
