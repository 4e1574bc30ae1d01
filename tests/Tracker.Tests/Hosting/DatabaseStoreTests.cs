using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Hosting;

/// <summary>AddUsageTracking() alone records, enriched, into the usage database (a real SQLite file here).</summary>
public sealed class DatabaseStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefault_RecordsAreWrittenToTheUsageDatabase_AndReadBackWithGetUsage()
    {
        using var file = new TemporarySqliteFile("tracker-test");
        await using var app = BuildOn(file, "db-test");
        app.UseUsageTracking();
        app.MapGroup("/shop").WithUsageGroup("shop").MapGet("/products/{id}", (string id) => "product " + id);
        app.MapGet("/health", () => "ok").ExcludeFromUsageTracking();
        await app.StartAsync(Ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal("database", Assert.Single(app.Services.GetServices<IUsageStore>()).Name);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/products/9?color=red");
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7, 10.0.0.1");
        (await client.SendAsync(request, Ct)).EnsureSuccessStatusCode();
        await client.GetStringAsync(new Uri("/health", UriKind.Relative), Ct);
        await app.StopAsync(Ct);

        var reader = app.Services.GetRequiredService<IUsageReader>();
        var records = await reader.GetUsageAsync(DateTime.UnixEpoch, DateTime.UtcNow.AddMinutes(1), cancellationToken: Ct);
        var record = Assert.Single(records);
        Assert.Equal("/shop/products/9", record.Path);
        Assert.Equal("shop", record.Blueprint);
        Assert.Equal("/shop/products/{id}", record.Route);
        Assert.Equal("""{"id":"9"}""", record.ViewArgs);
        Assert.Equal("""{"color":"red"}""", record.UrlArgs);
        Assert.Equal("db-test", record.ServerName);
        Assert.Equal(200, record.Status);
        Assert.Equal("product 9".Length, record.ContentLength);

        // The default pipeline runs the enrichment steps before storing.
        Assert.Equal("Firefox", record.Browser);
        Assert.Equal("Linux", record.Platform);
        Assert.Equal("de-DE", record.Language);
        Assert.False(record.IsBot);
        Assert.False(string.IsNullOrEmpty(record.VisitorId));
        // The loopback peer is a trusted proxy by default; 10.0.0.1 is not, so the walk stops there.
        Assert.Equal("10.0.0.1", record.RemoteAddr);
        Assert.Equal("203.0.113.7, 10.0.0.1", record.XForwardedFor);
    }

    [Fact]
    public async Task StoppingTheHost_WritesTheRollupSumsStillHeldInMemory()
    {
        using var file = new TemporarySqliteFile("tracker-test");
        // Nothing is due before the host stops: both parts are still in memory then.
        var held = new Dictionary<string, string?>
        {
            ["UsageTracking:Rollups:FlushInterval"] = "01:00:00",
            ["UsageTracking:Rollups:WideFlushInterval"] = "01:00:00",
        };
        await using (var app = BuildOn(file, "rollup-stop-test", held))
        {
            app.UseUsageTracking();
            app.MapGet("/items/{id}", (string id) => "item " + id);
            await app.StartAsync(Ct);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            for (var i = 0; i < 7; i++)
            {
                await client.GetStringAsync(new Uri($"/items/{i % 2}", UriKind.Relative), Ct);
            }

            await app.StopAsync(Ct);
        }

        // Read through a fresh host: the stopped one's sums must already be in the file.
        await using var reader = BuildOn(file, "reader");
        var summaries = reader.Services.GetRequiredService<IUsageSummaryReader>();
        var start = DateTime.UtcNow.AddDays(-2);
        var end = DateTime.UtcNow.AddDays(2);
        var servers = await summaries.GetSummaryAsync(SummaryKind.Server, SummaryPeriod.Month, start, end, cancellationToken: Ct);
        var urls = await summaries.GetSummaryAsync(SummaryKind.Url, SummaryPeriod.Day, start, end, cancellationToken: Ct);

        Assert.Equal(7, servers.Where(r => r.Key == "rollup-stop-test").Sum(r => r.Hits));
        Assert.Equal(7, urls.Sum(r => r.Hits));
        Assert.Equal(4, urls.Where(r => r.Key.EndsWith("/items/0", StringComparison.Ordinal)).Sum(r => r.Hits));
    }

    /// <summary>An app tracking into <paramref name="file"/> with every default of AddUsageTracking, migrated at start.</summary>
    private static WebApplication BuildOn(TemporarySqliteFile file, string applicationName, Dictionary<string, string?>? settings = null)
    {
        var builder = TrackedApp.CreateBuilder(new Dictionary<string, string?>(settings ?? [])
        {
            ["UsageTracking:Storage:MigrateOnStartup"] = "true",
            ["ConnectionStrings:Usage"] = file.ConnectionString,
            ["UsageTracking:ApplicationName"] = applicationName,
        });
        builder.Services.AddUsageTracking();
        return builder.Build();
    }
}
