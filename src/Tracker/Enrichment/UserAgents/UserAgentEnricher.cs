using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>
/// Fills browser, browser version (major.minor[.patch]), platform, OS version and device from the
/// User-Agent header. Never null when a header was sent: unknown parts are "Other", as in uap-core.
/// </summary>
internal sealed class UserAgentEnricher(UserAgentParser parser) : IUsageEnricher
{
    public ValueTask EnrichAsync(IReadOnlyList<CapturedRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var item in batch)
        {
            var agent = item.Record.UserAgent;
            if (item.Discard || string.IsNullOrEmpty(agent))
            {
                continue;
            }
            var parsed = parser.Parse(agent);
            var record = item.Record;
            record.Browser = Cut(parsed.Browser.Family);
            record.BrowserVersion = Cut(BrowserVersion(parsed.Browser));
            record.Platform = Cut(parsed.Os.Family);
            record.OsVersion = Cut(parsed.Os.Version);
            record.Device = Cut(parsed.Device.Family);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>major.minor[.patch]: the browser's build number past the patch is noise in a report.</summary>
    private static string? BrowserVersion(UapVersionedName browser) =>
        browser with { PatchMinor = null } is var trimmed ? trimmed.Version : null;

    private static string? Cut(string? value) =>
        value is { Length: > UsageRecordLimits.Short } ? value[..UsageRecordLimits.Short] : value;
}
