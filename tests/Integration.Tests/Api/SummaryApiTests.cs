using System.Net;
using System.Text.Json;
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

/// <summary><c>GET /api/summary</c> on a real Kestrel server over a SQLite file whose rollups were rebuilt from raw rows.</summary>
public sealed class SummaryApiTests : IAsyncLifetime
{
    private static readonly DateTime Day = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private readonly TemporarySqliteFile _file = new("summary-api");
    private WebApplication? _app;
    private HttpClient _client = default!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["ConnectionStrings:Usage"] = _file.ConnectionString;
        builder.Configuration["UsageTracking:Storage:MigrateOnStartup"] = "false";
        builder.Configuration["UsageTracking:Retention:RawDays"] = "0";
        builder.Services.AddUsageDashboardApi();
        _app = builder.Build();
        _app.MapUsageDashboardApi();

        var contexts = _app.Services.GetRequiredService<IDbContextFactory<UsageDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
            db.Usage.AddRange(
                Record(Day, "/a", 10, "1.1.1.1"), Record(Day.AddMinutes(5), "/a", 20, "1.1.1.1"), Record(Day.AddMinutes(70), "/b", 5, "2.2.2.2"),
                Record(Day.AddDays(1), "/b", 7, "2.2.2.2"));
            await db.SaveChangesAsync();
        }

        await _app.Services.GetRequiredService<RollupRebuilder>().RebuildAsync(to: Day.AddDays(2));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _file.Dispose();
    }

    private static UsageRecord Record(DateTime date, string path, long bytes, string ip) => new()
    {
        Date = date, Method = "GET", Url = "http://t" + path, Path = path, Status = 200, ContentLength = bytes, RemoteAddr = ip,
        ServerName = "HostApp", Speed = 0.004,
    };

    private async Task<JsonElement> GetJsonAsync(string query)
    {
        using var response = await _client.GetAsync("/api/summary" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    [Fact]
    public async Task Returns_the_originals_keys_per_bucket_newest_first()
    {
        var rows = await GetJsonAsync("?kind=url&period=day&start=2026-03-01T00:00:00Z&end=2026-03-03T00:00:00Z");
        Assert.Equal(
            ["2026-03-02|/b|1|7", "2026-03-01|/a|2|30", "2026-03-01|/b|1|5"],
            rows.EnumerateArray().Select(r =>
                $"{r.GetProperty("date").GetDateTime():yyyy-MM-dd}|{r.GetProperty("key").GetString()}|{r.GetProperty("hits").GetInt64()}|{r.GetProperty("transfer").GetInt64()}"));
        Assert.Equal(4.0, rows[0].GetProperty("average_ms").GetDouble(), 3);
    }

    [Fact]
    public async Task Filters_by_target_pages_and_sums_hours()
    {
        var hours = await GetJsonAsync("?kind=remote&period=hour&start=2026-03-01T00:00:00Z&end=2026-03-03T00:00:00Z&target=1.1.1.1");
        Assert.Equal(["2026-03-01T09|2"], hours.EnumerateArray().Select(r => $"{r.GetProperty("date").GetDateTime():yyyy-MM-ddTHH}|{r.GetProperty("hits").GetInt64()}"));

        var page2 = await GetJsonAsync("?kind=url&period=day&start=2026-03-01T00:00:00Z&end=2026-03-03T00:00:00Z&limit=1&page=2");
        Assert.Equal("/a", Assert.Single(page2.EnumerateArray()).GetProperty("key").GetString());

        var server = await GetJsonAsync("?kind=server&period=month&start=2026-03-01T00:00:00Z&end=2026-04-01T00:00:00Z");
        Assert.Equal(4, Assert.Single(server.EnumerateArray()).GetProperty("hits").GetInt64());
    }

    [Theory]
    [InlineData("", "kind")]
    [InlineData("?kind=nope", "kind")]
    [InlineData("?kind=url&period=week", "period")]
    [InlineData("?kind=url&limit=0", "limit")]
    [InlineData("?kind=url&start=yesterday", "start")]
    [InlineData("?kind=url&start=2026-03-02T00:00:00Z&end=2026-03-01T00:00:00Z", "end")]
    [InlineData("?kind=visitor&period=hour", "period")]
    public async Task Bad_parameters_give_400_problem_details_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.GetAsync("/api/summary" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
