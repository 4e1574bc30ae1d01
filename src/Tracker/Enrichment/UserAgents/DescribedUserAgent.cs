using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment.Bots;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// What a record keeps of one User-Agent header: the fields as stored (cut to their column) and whether it is a crawler.
/// Derived once per distinct agent and cached (<see cref="UserAgentParser"/>): real traffic repeats a handful of agents,
/// and the crawler pattern alone costs microseconds per match.
/// </summary>
internal sealed record DescribedUserAgent(string Browser, string? BrowserVersion, string Platform, string? OsVersion, string Device, bool IsBot)
{
    public static DescribedUserAgent Of(string agent, ParsedUserAgent parsed) => new(
        Cut(parsed.Browser.Family)!,
        Cut(WithoutBuild(parsed.Browser)),
        Cut(parsed.Os.Family)!,
        Cut(parsed.Os.Version),
        Cut(parsed.Device.Family)!,
        BotDetector.IsBot(agent, parsed.Device));

    /// <summary>major.minor[.patch]: the browser's build number past the patch is noise in a report.</summary>
    private static string? WithoutBuild(UapVersionedName browser) =>
        browser with { PatchMinor = null } is var trimmed ? trimmed.Version : null;

    private static string? Cut(string? value) => TextLimit.Truncate(value, UsageRecordLimits.Short);
}
