using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageDashboard.Data;
using UsageDashboard.Data.Rollups;
using UsageDashboard.TestSupport;
using UsageDashboard.Tracker;

namespace UsageDashboard.Integration.Tests.Api;

/// <summary>
/// The dashboard API on a real Kestrel server (127.0.0.1, random port) over a migrated SQLite file holding
/// <see cref="Records"/>, with the clock fixed at <see cref="Now"/>.
/// </summary>
public sealed class DashboardApiHost : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    private readonly TemporarySqliteFile _file = new("usage-api");
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:Usage"] = _file.ConnectionString;
        builder.Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        builder.Services.AddUsageDashboardApi();
        _app = builder.Build();
        _app.MapUsageDashboardApi();
        await _app.StartAsync();

        var contexts = _app.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Usage.AddRange(Records());
            await db.SaveChangesAsync();
        }

        // Imported straight into the raw table, as an operator's import would be: sum them into the rollups.
        await _app.Services.GetRequiredService<RollupRebuilder>().RebuildAsync(to: Now.AddDays(1));

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _file.Dispose();
    }

    /// <summary>
    /// 12 records in the 24 hours before <see cref="Now"/>: 6 product views (Chrome, DE), 3 failing requests
    /// (500, no geo), 2 cart posts (201, US), 1 bot 404; plus one record after <see cref="Now"/> that defaults exclude.
    /// </summary>
    public static IEnumerable<UsageRecord> Records()
    {
        for (var i = 0; i < 6; i++)
        {
            yield return With(Record(Now.AddHours(-10 + i), "GET", $"/shop/products/{i}", "/shop/products/{id}", 200, 0.020 + 0.01 * i), r =>
            {
                r.CountryCode = "DE"; r.Country = "Germany"; r.City = "Berlin"; r.Latitude = 52.52; r.Longitude = 13.4;
                r.Browser = "Chrome"; r.BrowserVersion = "120"; r.ViewArgs = $$"""{"id":"{{i}}"}"""; r.UrlArgs = """{"q":"x"}""";
                r.TrackVar = """{"plan":"pro"}"""; r.IpInfo = """{"country":"DE"}"""; r.VisitorId = "v1";
            });
        }

        for (var i = 0; i < 3; i++)
        {
            yield return Record(Now.AddHours(-3).AddMinutes(i), "GET", "/shop/fail", "/shop/fail", 500, 0.3);
        }

        for (var i = 0; i < 2; i++)
        {
            yield return With(Record(Now.AddHours(-2).AddMinutes(i), "POST", "/shop/cart", "/shop/cart", 201, 0.01), r =>
            {
                r.CountryCode = "US"; r.Country = "United States"; r.Browser = "Firefox"; r.BrowserVersion = "115"; r.UserName = "=cmd|' /C calc'!A0";
            });
        }

        yield return With(Record(Now.AddHours(-1), "GET", "/nope", null, 404, 0.001), r => { r.IsBot = true; r.Browser = "Googlebot"; r.Blueprint = null; });
        yield return Record(Now.AddHours(1), "GET", "/future", "/future", 200, 0.001);
    }

    private static UsageRecord Record(DateTime date, string method, string path, string? route, int status, double speed) => new()
    {
        Date = date, Method = method, Url = "http://shop.test" + path, Path = path, Route = route, Blueprint = "shop",
        Status = status, Speed = speed, ContentLength = 100, RemoteAddr = "10.0.0.1", ServerName = "HostApp",
        Request = $"{method} {path} HTTP/1.1", Platform = "Linux", Language = "en-US",
    };

    private static UsageRecord With(UsageRecord record, Action<UsageRecord> configure)
    {
        configure(record);
        return record;
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
