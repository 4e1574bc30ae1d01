namespace UsageDashboard.Tracker.Enrichment.UserAgents;

/// <summary>A device family with brand and model, as uap-core defines them.</summary>
internal sealed record UapDevice(string Family, string? Brand, string? Model)
{
    public static readonly UapDevice Other = new("Other", null, null);

    /// <summary>uap-core's device family for crawlers.</summary>
    public bool IsSpider => Family == "Spider";
}
