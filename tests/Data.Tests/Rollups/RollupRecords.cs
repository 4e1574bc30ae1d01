using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Rollups;

/// <summary>Deterministic records for rollup tests, with varied dimensions and nulls.</summary>
internal static class RollupRecords
{
    private static readonly string?[] Routes = ["/", "/shop/products/{id}", "/shop/cart", null];
    private static readonly string?[] Browsers = ["Chrome", "Firefox", "Safari", null];
    private static readonly string?[] Versions = ["120.0.1", ".5", "", null];
    private static readonly string?[] Languages = ["en-US", "de", null];
    private static readonly string?[] Countries = ["DE", "US", "FR", null];
    private static readonly string?[] Apps = ["shop-app", "api", null];
    private static readonly string?[] Groups = ["shop", null];
    private static readonly int[] Statuses = [200, 200, 200, 201, 304, 404, 500, 503];
    private static readonly string?[] Devices = ["iPhone", "Other", null];
    private static readonly string?[] OsVersions = ["10", "14.2", "", null];

    // Coordinates are binary fractions, so their sums are exact in any order on both providers.
    private static readonly (string? City, double? Latitude, double? Longitude)[] Cities =
        [("Berlin", 52.5, 13.375), ("Paris", 48.875, 2.25), ("Suva", -18.125, 178.5), ("Suva", -18.25, -179.75), ("Nowhere", null, null), (null, null, null)];

    public static UsageRecord Create(DateTime date, int i) => new()
    {
        Date = date,
        Url = $"http://localhost/p/{i % 13}?q={i}",
        Path = $"/p/{i % 13}",
        Route = Routes[i % Routes.Length],
        Blueprint = Groups[i % Groups.Length],
        Status = Statuses[i % Statuses.Length],
        RemoteAddr = i % 11 == 0 ? null : $"10.0.{i % 3}.{i % 7}",
        Browser = Browsers[i % Browsers.Length],
        BrowserVersion = Versions[(i / 3) % Versions.Length],
        Platform = i % 2 == 0 ? "Windows" : "Linux",
        Language = Languages[i % Languages.Length],
        CountryCode = Countries[(i / 2) % Countries.Length],
        VisitorId = i % 5 == 0 ? $"v{i % 17}" : null,
        ServerName = Apps[(i / 5) % Apps.Length],
        Speed = 0.0004 + (i % 97) * 0.00731 + (i % 7) * 0.0001,
        ContentLength = 100 + (i * 37) % 5000,
        Method = "GET",
        IsBot = i % 9 == 0,
        Device = Devices[i % Devices.Length],
        OsVersion = OsVersions[(i / 7) % OsVersions.Length],
        City = Cities[i % Cities.Length].City,
        Latitude = Cities[i % Cities.Length].Latitude,
        Longitude = Cities[i % Cities.Length].Longitude,
    };

    /// <summary><paramref name="count"/> records spread over [<paramref name="from"/>, from + span).</summary>
    public static List<UsageRecord> Spread(DateTime from, TimeSpan span, int count, int seed = 0) =>
        Enumerable.Range(seed, count)
            .Select(i => Create(from.AddTicks(span.Ticks / count * (i - seed)), i))
            .ToList();
}
