using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Statistics;

/// <summary>
/// A small, hand-made data set whose every aggregate is worked out in the tests' expectations.
/// Current period: 2026-03-02 (one day, 20 records); previous period: 2026-03-01 (10 records);
/// plus one record just outside each end that no query may count.
/// </summary>
internal static class StatisticsTestData
{
    public static readonly DateTime T0 = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    public static IEnumerable<UsageRecord> Records()
    {
        // A: 10 x GET /shop/products/{id}, 10..100 ms, Germany/Berlin, Chrome 120/121, 4 visitor ids.
        for (var i = 0; i < 10; i++)
        {
            yield return Record(T0.AddHours(i), "GET", $"/shop/products/{i % 3}", "/shop/products/{id}", "shop", 200, 0.010 * (i + 1), 1000,
                country: ("DE", "Germany"), city: "Berlin", browser: ("Chrome", i % 2 == 0 ? "120" : "121"),
                platform: ("Windows", "10"), device: "Desktop", language: "de-DE", visitor: $"v{i % 4}",
                remote: $"10.0.0.{i}", user: i == 0 ? "alice" : null);
        }

        // B: 4 x POST /shop/cart, 5 ms, United States, Firefox on Linux, one address, no visitor id.
        for (var k = 0; k < 4; k++)
        {
            yield return Record(T0.AddHours(10).AddMinutes(k), "POST", "/shop/cart", "/shop/cart", "shop", 201, 0.005, 50,
                country: ("US", "United States"), browser: ("Firefox", "115"), platform: ("Linux", null), device: "Desktop",
                language: "en-US", remote: "10.1.0.1");
        }

        // C: 3 x GET /shop/fail -> 500, 200 ms, no geo, no user agent.
        for (var k = 0; k < 3; k++)
        {
            yield return Record(T0.AddHours(12).AddMinutes(k), "GET", "/shop/fail", "/shop/fail", "shop", 500, 0.200, 100,
                remote: $"10.2.0.{k}");
        }

        // D: 2 x GET /nope -> 404 without a route, a crawler from the US, 1 ms.
        for (var k = 0; k < 2; k++)
        {
            yield return Record(T0.AddHours(13).AddMinutes(k), "GET", "/nope", null, null, 404, 0.001, 10,
                country: ("US", "United States"), browser: ("Googlebot", "2.1"), platform: ("Other", null), device: "Spider",
                remote: "66.249.0.1", bot: true);
        }

        // E: 1 x ShopApi GET /api/items -> 302, 1.5 s, France/Paris.
        yield return Record(T0.AddHours(23).AddMinutes(59), "GET", "/api/items", "/api/items", "api", 302, 1.5, 0,
            country: ("FR", "France"), city: "Paris", remote: "10.3.0.1", server: "ShopApi", language: "fr");

        // Previous period: 5 x products at 50 ms and 5 x fail at 300 ms.
        for (var k = 0; k < 10; k++)
        {
            yield return k < 5
                ? Record(T0.AddHours(-20 + k), "GET", "/shop/products/1", "/shop/products/{id}", "shop", 200, 0.050, 2000, remote: "10.9.0.1")
                : Record(T0.AddHours(-20 + k), "GET", "/shop/fail", "/shop/fail", "shop", 500, 0.300, 100, remote: $"10.9.0.{k}");
        }

        // Just outside: the end is exclusive, and one millisecond before the previous period.
        yield return Record(T0.AddDays(1), "GET", "/", "/", null, 200, 0.001, 1, remote: "10.8.0.1");
        yield return Record(T0.AddDays(-1).AddMilliseconds(-1), "GET", "/", "/", null, 200, 0.001, 1, remote: "10.8.0.2");
    }

    private static UsageRecord Record(
        DateTime date, string method, string path, string? route, string? group, int status, double speed, long bytes,
        (string Code, string Name)? country = null, string? city = null, (string Name, string Version)? browser = null,
        (string Name, string? Version)? platform = null, string? device = null, string? language = null, string? visitor = null,
        string? remote = null, string? user = null, bool bot = false, string server = "HostApp") => new()
        {
            Date = date,
            Url = "http://localhost" + path,
            Path = path,
            Route = route,
            Blueprint = group,
            Method = method,
            Status = status,
            Speed = speed,
            ContentLength = bytes,
            CountryCode = country?.Code,
            Country = country?.Name,
            City = city,
            Latitude = city is null ? null : city == "Berlin" ? 52.52 : 48.86,
            Longitude = city is null ? null : city == "Berlin" ? 13.40 : 2.35,
            Browser = browser?.Name,
            BrowserVersion = browser?.Version,
            Platform = platform?.Name,
            OsVersion = platform?.Version,
            Device = device,
            Language = language,
            VisitorId = visitor,
            RemoteAddr = remote,
            UserName = user,
            IsBot = bot,
            ServerName = server,
            Request = $"{method} {path} HTTP/1.1",
        };
}
