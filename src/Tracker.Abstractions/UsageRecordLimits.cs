namespace UsageDashboard.Tracker;

/// <summary>
/// Maximum lengths of the text columns. Longer values are truncated, never rejected,
/// so that hostile or accidental huge input still yields a safe record.
/// </summary>
public static class UsageRecordLimits
{
    /// <summary>Full URL.</summary>
    public const int Url = 2048;
    /// <summary>Path.</summary>
    public const int Path = 1024;
    /// <summary>Route group.</summary>
    public const int Blueprint = 128;
    /// <summary>JSON of route values, query args and custom values.</summary>
    public const int Json = 4096;
    /// <summary>Addresses and the raw X-Forwarded-For header.</summary>
    public const int Address = 64;
    /// <summary>Raw X-Forwarded-For header.</summary>
    public const int ForwardedFor = 512;
    /// <summary>User name.</summary>
    public const int UserName = 256;
    /// <summary>Raw User-Agent header.</summary>
    public const int UserAgent = 512;
    /// <summary>Short descriptive fields: browser, platform, versions, device, language, geo names.</summary>
    public const int Short = 128;
    /// <summary>Geo answer JSON, as the original.</summary>
    public const int IpInfo = 1024;
    /// <summary>Request line.</summary>
    public const int Request = 2100;
    /// <summary>Application name.</summary>
    public const int ServerName = 128;
    /// <summary>HTTP method.</summary>
    public const int Method = 16;
    /// <summary>Route template.</summary>
    public const int Route = 512;
    /// <summary>Endpoint display name.</summary>
    public const int EndpointName = 512;
    /// <summary>Visitor id.</summary>
    public const int VisitorId = 64;
}
