namespace UsageDashboard.Tracker.Enrichment.Privacy;

/// <summary>How much of the client address is stored (<c>UsageTracking:Privacy:IpAddress</c>).</summary>
public enum IpAddressPrivacy
{
    /// <summary>The whole address, as the original stores it.</summary>
    Full,

    /// <summary>The network only: IPv4 /24 (last byte zero), IPv6 /48.</summary>
    Truncated,

    /// <summary>A keyed hash with the day's visitor salt: distinct per address, not reversible, not linkable across days.</summary>
    Hashed,

    /// <summary>No address at all.</summary>
    None,
}
