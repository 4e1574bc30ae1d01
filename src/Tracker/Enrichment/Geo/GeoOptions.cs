namespace UsageDashboard.Tracker.Enrichment.Geo;

/// <summary>Offline geolocation, bound from <c>UsageTracking:Geo</c>.</summary>
public sealed class GeoOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "UsageTracking:Geo";

    /// <summary>Look client addresses up in a local database. Default: <c>true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A GeoLite2/GeoIP2 Country or City <c>.mmdb</c> (City files add region, city, latitude and
    /// longitude). Default: <c>null</c>, the CC0 country database shipped with the application.
    /// </summary>
    public string? DatabasePath { get; set; }
}
