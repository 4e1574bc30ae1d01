using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The dimension values of the last record summed into a <see cref="ScopeSums"/>, with the sums they led to, so that the
/// next record with the same values (a client repeating a request, a burst on one endpoint) skips the lookups of its text
/// numbers and of its thirteen sums. The path, and the route by country and browser, are not among them: their sums are the
/// wide part's (<see cref="PathSums"/>).
/// </summary>
/// <remarks>
/// Comparing the values costs a few string comparisons, most of them of one and the same instance (enrichment hands
/// out cached strings); a record that differs usually does so in its status or route, compared first.
/// </remarks>
internal sealed class ScopeRecentKeys
{
    private string? _status;
    private string? _route;
    private string? _browser;
    private string? _browserVersion;
    private string? _platform;
    private string? _osVersion;
    private string? _language;
    private string? _country;
    private string? _city;
    private string? _device;

    /// <summary>The sums every record with these values is counted into, the city's last.</summary>
    public RollupSums[] Counts { get; } = new RollupSums[13];

    public RollupSums City => Counts[^1];

    public LatencySums Latency { get; private set; } = null!;

    public bool IsSet => _status is not null;

    public bool Matches(UsageRecord r, string route, string status) =>
        ReferenceEquals(status, _status)
        && route == _route
        && r.Browser == _browser
        && r.BrowserVersion == _browserVersion
        && r.Platform == _platform
        && r.OsVersion == _osVersion
        && r.Language == _language
        && r.CountryCode == _country
        && r.City == _city
        && r.Device == _device;

    /// <summary>Looks the sums of <paramref name="r"/>'s values up in <paramref name="scope"/> and remembers them.</summary>
    public void Resolve(ScopeSums scope, RollupKeyIds ids, UsageRecord r, string route, string status, string versionSuffix)
    {
        var routeId = ids.Of(route);
        var browser = ids.Of(r.Browser ?? "");
        var country = ids.Of(r.CountryCode ?? "");
        var platform = ids.Of(r.Platform ?? "");
        var statusId = ids.Of(status);
        var counts = Counts;
        counts[0] = scope.Total;
        counts[1] = scope.Key(RollupDimension.Route, routeId);
        counts[2] = scope.Key(RollupDimension.Browser, browser);
        counts[3] = scope.Pair(RollupDimension.BrowserVersion, browser, ids.Of(versionSuffix));
        counts[4] = scope.Key(RollupDimension.Platform, platform);
        counts[5] = scope.Key(RollupDimension.Language, ids.Of(r.Language ?? ""));
        counts[6] = scope.Key(RollupDimension.Country, country);
        counts[7] = scope.Key(RollupDimension.Status, statusId);
        counts[8] = scope.Key(RollupDimension.Device, ids.Of(r.Device ?? ""));
        counts[9] = scope.Pair(RollupDimension.BrowserRelease, browser, ids.Of(r.BrowserVersion ?? ""));
        counts[10] = scope.Pair(RollupDimension.PlatformRelease, platform, ids.Of(r.OsVersion ?? ""));
        counts[11] = scope.Pair(RollupDimension.RouteStatus, routeId, statusId);
        counts[12] = scope.Pair(RollupDimension.City, country, ids.Of(r.City ?? ""));
        Latency = scope.Latency(routeId);

        _status = status;
        _route = route;
        _browser = r.Browser;
        _browserVersion = r.BrowserVersion;
        _platform = r.Platform;
        _osVersion = r.OsVersion;
        _language = r.Language;
        _country = r.CountryCode;
        _city = r.City;
        _device = r.Device;
    }
}
