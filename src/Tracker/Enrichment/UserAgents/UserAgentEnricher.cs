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
        var agents = new PreviousLookup<string, DescribedUserAgent>(parser.Describe);
        foreach (var item in batch)
        {
            var agent = item.Record.UserAgent;
            if (item.Discard || string.IsNullOrEmpty(agent))
            {
                continue;
            }
            var described = agents.Get(agent);
            var record = item.Record;
            record.Browser = described.Browser;
            record.BrowserVersion = described.BrowserVersion;
            record.Platform = described.Platform;
            record.OsVersion = described.OsVersion;
            record.Device = described.Device;
        }
        return ValueTask.CompletedTask;
    }
}
