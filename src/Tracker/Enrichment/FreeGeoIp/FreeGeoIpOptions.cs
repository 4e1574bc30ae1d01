namespace UsageDashboard.Tracker.Enrichment.FreeGeoIp;

/// <summary>
/// The original's remote geolocation lookup, bound from <c>UsageTracking:FreeGeoIp</c>
/// (Flask-Track-Usage's <c>TRACK_USAGE_USE_FREEGEOIP</c> and <c>TRACK_USAGE_FREEGEOIP_ENDPOINT</c>).
/// </summary>
public sealed class FreeGeoIpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:FreeGeoIp";

    /// <summary>The original's default endpoint.</summary>
    public const string DefaultEndpoint = "http://extreme-ip-lookup.com/json/{ip}";

    /// <summary>Ask the endpoint about each client address (<c>TRACK_USAGE_USE_FREEGEOIP</c>). Default: <c>false</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The lookup URL (<c>TRACK_USAGE_FREEGEOIP_ENDPOINT</c>): <c>{ip}</c> is replaced by the URL-encoded
    /// address, which is appended when the placeholder is absent.
    /// Default: <c>http://extreme-ip-lookup.com/json/{ip}</c>.
    /// </summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The longest a batch waits for lookups; unanswered addresses are stored without geo. Default: 2 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an answer is reused for the same address. Default: 6 hours.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How many addresses the answer cache holds. Default: 10 000.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>Consecutive failures (errors, timeouts, bad answers) that open the circuit. Default: 5.</summary>
    public int FailuresBeforeBreaking { get; set; } = 5;

    /// <summary>How long lookups are skipped once the circuit is open. Default: 1 minute.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lookups in flight at once per batch. Default: 8.</summary>
    public int MaxConcurrency { get; set; } = 8;
}
