using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The dimension values of the last record summed into a <see cref="ScopeSums"/>, with the sums they led to, so that the
/// next record with the same values (a client repeating a request, a burst on one endpoint) skips the lookups of its text
/// numbers and of its sixteen sums.
/// </summary>
/// <remarks>
/// Comparing the values costs a few string comparisons, most of them of one and the same instance (enrichment hands
/// out cached strings); a record that differs usually does so in its path or status, compared first.
/// </remarks>
internal sealed class ScopeRecentKeys
{
    private string? _path;
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
    public RollupSums[] Counts { get; } = new RollupSums[16];

    public RollupSums City => Counts[^1];

    public LatencySums Latency { get; private set; } = null!;

    public bool IsSet => _path is not null;

    public bool Matches(UsageRecord r, string route, string status) =>
        r.Path == _path
        && ReferenceEquals(status, _status)
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
        counts[2] = scope.Key(RollupDimension.Path, ids.Of(r.Path));
        counts[3] = scope.Key(RollupDimension.Browser, browser);
        counts[4] = scope.Pair(RollupDimension.BrowserVersion, browser, ids.Of(versionSuffix));
        counts[5] = scope.Key(RollupDimension.Platform, platform);
        counts[6] = scope.Key(RollupDimension.Language, ids.Of(r.Language ?? ""));
        counts[7] = scope.Key(RollupDimension.Country, country);
        counts[8] = scope.Key(RollupDimension.Status, statusId);
        counts[9] = scope.Key(RollupDimension.Device, ids.Of(r.Device ?? ""));
        counts[10] = scope.Pair(RollupDimension.BrowserRelease, browser, ids.Of(r.BrowserVersion ?? ""));
        counts[11] = scope.Pair(RollupDimension.PlatformRelease, platform, ids.Of(r.OsVersion ?? ""));
        counts[12] = scope.Pair(RollupDimension.RouteStatus, routeId, statusId);
        counts[13] = scope.Pair(RollupDimension.RouteCountry, routeId, country);
        counts[14] = scope.Pair(RollupDimension.RouteBrowser, routeId, browser);
        counts[15] = scope.Pair(RollupDimension.City, country, ids.Of(r.City ?? ""));
        Latency = scope.Latency(routeId);

        _path = r.Path;
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
