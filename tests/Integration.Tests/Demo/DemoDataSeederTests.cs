using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UsageDashboard.Dashboard.Demo;
using UsageDashboard.Data.Statistics;
using UsageDashboard.TestSupport;

namespace UsageDashboard.Integration.Tests.Demo;

/// <summary>The demo month, seeded into a real SQLite file through the host's startup path.</summary>
public sealed class DemoDataSeederTests : IDisposable
{
    private static readonly DateTime End = new(2026, 3, 31, 18, 30, 0, DateTimeKind.Utc);
    private readonly TemporarySqliteFile _file = new("usage-demo");

    public void Dispose() => _file.Dispose();

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:Usage"] = _file.ConnectionString;
        builder.Services.AddSingleton<TimeProvider>(new FixedClock(End));
        builder.Services.AddUsageDatabase();
        builder.Services.AddUsageDemoData();
        return builder.Build();
    }

    [Fact]
    public async Task An_empty_database_gets_a_realistic_month_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = BuildHost();
        await host.StartAsync(ct); // migrates, then seeds
        var statistics = host.Services.GetRequiredService<IUsageStatistics>();
        var month = new UsageFilter { Start = End.AddDays(-30), End = End };

        var overview = await statistics.GetOverviewAsync(month, ct);
        Assert.Equal(DemoDataSeeder.DefaultCount, overview.Current.Requests);
        Assert.Equal(0, overview.Previous.Requests); // nothing outside the month
        Assert.InRange(overview.Current.ErrorRate, 0.02, 0.05);
        Assert.InRange(overview.Current.ClientErrorRate, 0.005, 0.06);
        Assert.InRange(overview.Current.MedianLatencyMs!.Value, 5, 60);
        Assert.True(overview.Current.P95LatencyMs > 3 * overview.Current.MedianLatencyMs, "a long latency tail");
        Assert.InRange(overview.Current.UniqueVisitors, 2_000, 200_000);

        Assert.Equal(["HostApp", "ShopApi"], await statistics.GetApplicationsAsync(ct));
        Assert.Equal(["api", "reports", "shop"], await statistics.GetGroupsAsync(null, ct));
        var routes = (await statistics.GetTopUrlsAsync(month, UrlGrouping.Route, 50, ct)).Select(u => u.Name).ToList();
        foreach (var route in new[] { "/", "/shop/products", "/shop/products/{id}", "/shop/cart", "/shop/fail", "/reports/daily", "/privacy", "/ping" })
        {
            Assert.Contains(route, routes);
        }

        var geo = await statistics.GetGeographyAsync(month, 100, ct);
        Assert.True(geo.Countries.Count >= 25, $"{geo.Countries.Count} countries");
        Assert.Contains(geo.Countries, c => c.CountryCode == UsageFilter.UnknownCountryCode);
        Assert.True(geo.Cities.Count >= 20);
        Assert.All(geo.Cities, c => Assert.NotNull(c.Latitude));

        var audience = await statistics.GetAudienceAsync(month, ct);
        Assert.InRange(audience.BotShare, 0.01, 0.15);
        Assert.Contains(audience.Browsers, b => b.Name == "Chrome" && b.Versions.Count >= 2);
        Assert.True(audience.Platforms.Count >= 5);
        Assert.True(audience.Languages.Count >= 10);
        Assert.True(audience.Devices.Count >= 4);

        // Daily rhythm: the afternoon (UTC) is busier than the night; weekends are quieter than weekdays.
        var hourly = await statistics.GetTimeSeriesAsync(month, TimeSpan.FromHours(1), ct);
        var byHour = hourly.Points.GroupBy(p => p.Start.Hour).ToDictionary(g => g.Key, g => g.Sum(p => p.Requests));
        Assert.True(byHour[15] > 2 * byHour[3], $"15:00 {byHour[15]} vs 03:00 {byHour[3]}");
        var byDay = hourly.Points.GroupBy(p => p.Start.DayOfWeek).ToDictionary(g => g.Key, g => g.Sum(p => p.Requests));
        Assert.True(byDay[DayOfWeek.Sunday] < byDay[DayOfWeek.Wednesday]);

        var sample = (await statistics.GetRequestsAsync(month with { Bots = BotFilter.Humans, CountryCode = "DE" }, 1, 50, ct)).Items;
        Assert.All(sample, r =>
        {
            Assert.NotNull(r.UserAgent);
            Assert.NotNull(r.Browser);
            Assert.NotNull(r.BrowserVersion);
            Assert.NotNull(r.Platform);
            Assert.NotNull(r.Device);
            Assert.NotNull(r.Language);
            Assert.NotNull(r.VisitorId);
            Assert.NotNull(r.Request);
            Assert.Equal("Germany", r.Country);
        });

        // A second start finds data and writes nothing.
        Assert.Equal(0, await DemoDataSeeder.SeedIfEmptyAsync(host.Services, End, cancellationToken: ct));
        await host.StopAsync(ct);
    }

    [Fact]
    public void The_generator_is_deterministic()
    {
        var a = new DemoDataGenerator().Generate(End, TimeSpan.FromDays(30), 2_000).ToList();
        var b = new DemoDataGenerator().Generate(End, TimeSpan.FromDays(30), 2_000).ToList();
        var c = new DemoDataGenerator(seed: 7).Generate(End, TimeSpan.FromDays(30), 2_000).ToList();

        static string Key(Tracker.UsageRecord r) => $"{r.Date:O}|{r.Method}|{r.Url}|{r.Status}|{r.Speed}|{r.RemoteAddr}|{r.VisitorId}|{r.UserAgent}";
        Assert.Equal(a.Select(Key), b.Select(Key));
        Assert.NotEqual(a.Select(Key), c.Select(Key));
        Assert.All(a, r => Assert.InRange(r.Date, End.AddDays(-30), End.AddTicks(-1)));
        Assert.Equal(a.OrderBy(r => r.Date).Select(r => r.Date), a.Select(r => r.Date));
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
