namespace UsageDashboard.Tracker.Enrichment.Bots;

/// <summary>Crawler handling, bound from <c>UsageTracking:Bots</c>.</summary>
public sealed class BotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:Bots";

    /// <summary>Store requests from crawlers (flagged <c>is_bot</c>); false drops them. Default: <c>true</c>.</summary>
    public bool Record { get; set; } = true;
}
