namespace UsageDashboard.Tracker.Enrichment.Privacy;

/// <summary>Privacy settings, bound from <c>UsageTracking:Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:Privacy";

    /// <summary>
    /// What is stored of the client address in <c>remote_addr</c> and <c>xforwardedfor</c>. Geo and visitor
    /// id are computed from the full address first. Default: <see cref="IpAddressPrivacy.Full"/>.
    /// </summary>
    public IpAddressPrivacy IpAddress { get; set; } = IpAddressPrivacy.Full;

    /// <summary>Skip requests that send <c>DNT: 1</c> or <c>Sec-GPC: 1</c>. Default: <c>false</c>.</summary>
    public bool RespectDoNotTrack { get; set; }
}
