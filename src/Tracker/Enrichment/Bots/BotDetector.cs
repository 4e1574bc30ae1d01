using System.Text.RegularExpressions;
using UsageDashboard.Tracker.Enrichment.UserAgents;

namespace UsageDashboard.Tracker.Enrichment.Bots;

/// <summary>
/// Flags crawlers and automated clients: uap-core's <c>Spider</c> device family first, then a pattern
/// list for what uap-core classifies as an ordinary client (HTTP libraries, headless browsers,
/// monitoring and SEO tools).
/// </summary>
internal static partial class BotDetector
{
    // Maintained list. Sources: the isbot package's pattern list (omrilotan/isbot, MIT) and
    // monperrus/crawler-user-agents (MIT), reduced to the generic words and the clients most seen
    // in access logs. Checked only when uap-core did not already say "Spider".
    [GeneratedRegex(
        """
        (?<!cu)bots?(?:\b|_)|crawl|spider|slurp|scrape|archiver|facebookexternalhit|embedly|
        curl/|wget/|python-requests|python-urllib|aiohttp|httpx/|go-http-client|java/|
        apache-httpclient|libwww-perl|lwp-|guzzlehttp|node-fetch|axios/|undici|postmanruntime|insomnia/|
        headlesschrome|phantomjs|puppeteer|playwright|selenium|lighthouse|
        pingdom|uptimerobot|statuscake|site24x7|newrelicpinger|check_http|nagios|zabbix|
        semrush|mj12|petalbot|bingpreview|chatgpt-user|anthropic-ai|ccbot|bytespider|perplexity|cohere-ai|diffbot|
        feedfetcher|feedburner|validator\.w3|w3c_|httrack|nutch|heritrix|scrapy|masscan|zgrab|nmap|nikto|sqlmap
        """,
        RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex BotPattern();

    public static bool IsBot(string? agent, UapDevice device)
    {
        if (device.IsSpider)
        {
            return true;
        }
        if (string.IsNullOrEmpty(agent))
        {
            return false;
        }
        try
        {
            return BotPattern().IsMatch(agent);
        }
        catch (RegexMatchTimeoutException)
        {
            // An agent hostile enough to stall a simple pattern is not a browser.
            return true;
        }
    }
}
