using System.Reflection;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Tests.Storage;

/// <summary>Builders and comparisons of usage records for storage tests.</summary>
internal static class UsageRecords
{
    public static readonly DateTime BaseTime = new(2026, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc);

    public static IEnumerable<PropertyInfo> StoredProperties =>
        typeof(UsageRecord).GetProperties().Where(p => p.Name != nameof(UsageRecord.Id));

    /// <summary>A record with every field set to a distinct value, so swapped columns cannot go unnoticed.</summary>
    public static UsageRecord Full(DateTime? date = null, int n = 0) => new()
    {
        Date = date ?? BaseTime,
        Url = $"https://shop.example.com/shop/products/{n}?q=ünïcödé&x=1",
        Path = $"/shop/products/{n}",
        Blueprint = "shop",
        ViewArgs = $$"""{"id":"{{n}}"}""",
        UrlArgs = """{"q":"ünïcödé","x":"1"}""",
        Status = 201,
        RemoteAddr = "2001:db8::1",
        XForwardedFor = "203.0.113.7, 198.51.100.2",
        Authorization = true,
        UserName = "zoë 山田 🧑‍💻",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36",
        Browser = "Chrome",
        BrowserVersion = "130.0",
        Platform = "Linux",
        OsVersion = "6.1",
        Device = "Other",
        Language = "de-CH",
        IsBot = true,
        IpInfo = """{"country":"Schweiz","city":"Zürich"}""",
        CountryCode = "CH",
        Country = "Switzerland",
        Region = "Zürich",
        City = "Zürich",
        Latitude = 47.3769,
        Longitude = -8.5417,
        VisitorId = "v-0123456789abcdef",
        Speed = 0.012345678901,
        ContentLength = 123_456_789_012,
        Request = $"GET /shop/products/{n} HTTP/1.1",
        ServerName = "HostApp",
        Method = "GET",
        Route = "/shop/products/{id}",
        EndpointName = "HTTP: GET /shop/products/{id}",
        TrackVar = """{"campaign":"שלום","n":3}""",
    };

    /// <summary>Only what a record always has: every optional field null, every flag false.</summary>
    public static UsageRecord Minimal(DateTime date) => new()
    {
        Date = date,
        Url = "http://localhost/",
        Path = "/",
        Method = "GET",
        Status = 404,
    };

    /// <summary>Asserts that every stored field matches, naming each one that does not.</summary>
    public static void AssertSame(UsageRecord expected, UsageRecord actual)
    {
        var differences = StoredProperties
            .Select(p => (p.Name, Expected: p.GetValue(expected), Actual: p.GetValue(actual)))
            .Where(x => !Equals(x.Expected, x.Actual))
            .Select(x => $"{x.Name}: expected <{x.Expected}>, got <{x.Actual}>")
            .ToList();
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        Assert.True(actual.Id > 0, "a stored record has a database id");
        Assert.Equal(DateTimeKind.Utc, actual.Date.Kind);
    }
}
