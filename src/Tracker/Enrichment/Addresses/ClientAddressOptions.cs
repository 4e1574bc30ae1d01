namespace UsageDashboard.Tracker.Enrichment.Addresses;

/// <summary>Which proxies may tell the client address, bound from the <c>UsageTracking</c> section.</summary>
public sealed class ClientAddressOptions
{
    /// <summary>
    /// Addresses and CIDR networks (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) of proxies whose
    /// <c>X-Forwarded-For</c> is believed (<c>UsageTracking:TrustedProxies</c>). Default: <c>null</c>,
    /// loopback only, as ASP.NET Core's forwarded-headers default; when set, exactly this list.
    /// </summary>
    public List<string>? TrustedProxies { get; set; }
}
