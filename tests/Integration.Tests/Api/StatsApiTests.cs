using System.Net;
using System.Text.Json;

namespace UsageDashboard.Integration.Tests.Api;

/// <summary>The <c>/api/stats</c> aggregates, exports and the OpenAPI document over real HTTP.</summary>
public sealed class StatsApiTests(DashboardApiHost host) : IClassFixture<DashboardApiHost>
{
    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Overview_defaults_to_the_last_24_hours()
    {
        var overview = await GetJsonAsync("/api/stats/overview");

        var current = overview.GetProperty("current");
        Assert.Equal(12, current.GetProperty("requests").GetInt64());
        Assert.Equal(3, current.GetProperty("serverErrors").GetInt64());
        Assert.Equal(0.25, current.GetProperty("errorRate").GetDouble(), 9);
        Assert.Equal(1200, current.GetProperty("bytes").GetInt64());
        // v1, 10.0.0.1, and the crawler at 10.0.0.1: visitors are told apart by application and bot flag per day.
        Assert.Equal(3, current.GetProperty("uniqueVisitors").GetInt64());
        Assert.Equal(0, overview.GetProperty("previous").GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("requestsChange").ValueKind);
    }

    [Fact]
    public async Task Filters_from_the_query_string_apply()
    {
        Assert.Equal(3, (await GetJsonAsync("/api/stats/overview?status=5xx")).GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(2, (await GetJsonAsync("/api/stats/overview?method=POST&country=US")).GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(1, (await GetJsonAsync("/api/stats/overview?bots=bots")).GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(4, (await GetJsonAsync("/api/stats/overview?country=ZZ")).GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(6, (await GetJsonAsync("/api/stats/overview?route=/shop/products/{id}")).GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(1, (await GetJsonAsync("/api/stats/overview?url=/shop/products/3")).GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(3, (await GetJsonAsync("/api/stats/overview?start=2026-03-02T00:00:00Z&end=2026-03-02T05:00:00Z")).GetProperty("current").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task Every_aggregate_endpoint_answers()
    {
        var series = await GetJsonAsync("/api/stats/timeseries?bucket=1h");
        Assert.Equal("01:00:00", series.GetProperty("bucketSize").GetString());
        Assert.Equal(24, series.GetProperty("points").GetArrayLength());
        Assert.Equal(12, series.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("requests").GetInt64()));

        var classes = await GetJsonAsync("/api/stats/status-classes");
        Assert.Equal(["2xx", "4xx", "5xx"], classes.EnumerateArray().Select(c => c.GetProperty("label").GetString()));

        var top = await GetJsonAsync("/api/stats/top-urls?count=2");
        Assert.Equal(["/shop/products/{id}", "/shop/fail"], top.EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        var topPaths = await GetJsonAsync("/api/stats/top-urls?grouping=path&count=1");
        Assert.Equal("/shop/fail", topPaths[0].GetProperty("name").GetString());

        var countries = await GetJsonAsync("/api/stats/top-countries");
        Assert.Equal(["DE", "ZZ", "US"], countries.EnumerateArray().Select(c => c.GetProperty("countryCode").GetString()));

        var urls = await GetJsonAsync("/api/stats/urls?sort=p95Latency&pageSize=2");
        Assert.Equal(4, urls.GetProperty("totalCount").GetInt64());
        Assert.Equal("/shop/fail", urls.GetProperty("items")[0].GetProperty("url").GetString());
        Assert.Equal(300, urls.GetProperty("items")[0].GetProperty("p95LatencyMs").GetDouble(), 6);

        var detail = await GetJsonAsync("/api/stats/url?route=/shop/products/{id}&recent=3");
        Assert.Equal("Route", detail.GetProperty("url").GetProperty("grouping").GetString());
        Assert.Equal(6, detail.GetProperty("summary").GetProperty("requests").GetInt64());
        Assert.Equal(3, detail.GetProperty("recentRequests").GetArrayLength());

        var status = await GetJsonAsync("/api/stats/status-codes");
        Assert.Equal([200, 500, 201, 404], status.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("status").GetInt32()));

        var geo = await GetJsonAsync("/api/stats/geography");
        Assert.Equal("Berlin", geo.GetProperty("cities")[0].GetProperty("city").GetString());

        var audience = await GetJsonAsync("/api/stats/audience");
        Assert.Equal("Chrome", audience.GetProperty("browsers")[0].GetProperty("name").GetString());
        Assert.Equal(1, audience.GetProperty("botRequests").GetInt64());

        var requests = await GetJsonAsync("/api/stats/requests?status=500&pageSize=2");
        Assert.Equal(3, requests.GetProperty("totalCount").GetInt64());
        Assert.Equal(2, requests.GetProperty("items").GetArrayLength());
        Assert.Equal("/shop/fail", requests.GetProperty("items")[0].GetProperty("path").GetString());

        Assert.Equal(["HostApp"], (await GetJsonAsync("/api/stats/applications")).EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["shop"], (await GetJsonAsync("/api/stats/groups?app=HostApp")).EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("/api/stats/overview?bots=robots", "bots")]
    [InlineData("/api/stats/overview?status=7xx", "status")]
    [InlineData("/api/stats/overview?status=abc", "status")]
    [InlineData("/api/stats/overview?start=2026-03-02T00:00:00Z&end=2026-03-01T00:00:00Z", "end")]
    [InlineData("/api/stats/overview?route=/a&url=/b", "url")]
    [InlineData("/api/stats/urls?sort=fastest", "sort")]
    [InlineData("/api/stats/urls?pageSize=5000", "pageSize")]
    [InlineData("/api/stats/url", "route")]
    [InlineData("/api/stats/timeseries?bucket=soon", "bucket")]
    [InlineData("/api/stats/timeseries?bucket=1s", "bucketSize")]
    [InlineData("/api/stats/requests?pageSize=0", "pageSize")]
    [InlineData("/api/export/requests.xml", "format")]
    public async Task Bad_parameters_give_400_naming_the_parameter(string url, string parameter)
    {
        using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Request_export_streams_csv_and_json()
    {
        var ct = TestContext.Current.CancellationToken;
        using var csv = await host.Client.GetAsync("/api/export/requests.csv?group=shop", ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await csv.Content.ReadAsStringAsync(ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("date,method,url,path,route,blueprint,status,speed", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 11, lines.Length);
        Assert.StartsWith("2026-03-02T10:01:00.000Z,POST,http://shop.test/shop/cart", lines[1], StringComparison.Ordinal);
        // A user name that a spreadsheet would run as a formula is exported inert.
        Assert.Contains(",'=cmd|' /C calc'!A0,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"{\"\"id\"\":\"\"5\"\"}\"", string.Join('\n', lines), StringComparison.Ordinal);

        var json = JsonDocument.Parse(await host.Client.GetStringAsync("/api/export/requests.json?status=500", ct)).RootElement;
        Assert.Equal(3, json.GetArrayLength());
        Assert.Equal("/shop/fail", json[0].GetProperty("path").GetString());
        Assert.True(json[0].TryGetProperty("user_agent", out _));

        // The path the dashboard pages link to.
        using var alias = await host.Client.GetAsync("/api/usage/export?format=csv&status=500", ct);
        Assert.Equal(1 + 3, (await alias.Content.ReadAsStringAsync(ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Every_table_exports()
    {
        var ct = TestContext.Current.CancellationToken;
        var urls = (await host.Client.GetStringAsync("/api/export/urls.csv", ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("url,requests,server_errors,error_rate,avg_ms,p50_ms,p95_ms,p99_ms,max_ms,bytes", urls[0]);
        Assert.StartsWith("/shop/products/{id},6,0,0,", urls[1], StringComparison.Ordinal);

        var countries = JsonDocument.Parse(await host.Client.GetStringAsync("/api/export/countries.json", ct)).RootElement;
        Assert.Equal("Unknown", countries[1].GetProperty("country").GetString());
        Assert.Equal(4, countries[1].GetProperty("requests").GetInt64());

        foreach (var table in new[] { "top-urls", "timeseries", "status-classes", "status-codes", "cities", "browsers", "platforms", "devices", "languages" })
        {
            using var response = await host.Client.GetAsync($"/api/export/{table}.csv", ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, table);
            Assert.True((await response.Content.ReadAsStringAsync(ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1, table);
        }

        using var alias = await host.Client.GetAsync("/api/stats/browsers/export?format=json", ct);
        Assert.Equal("Chrome", JsonDocument.Parse(await alias.Content.ReadAsStringAsync(ct)).RootElement[0].GetProperty("browser").GetString());
        using var unknown = await host.Client.GetAsync("/api/export/passwords.csv", ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Geography_cities_carry_their_coordinates_in_the_answer_and_the_document()
    {
        var city = (await GetJsonAsync("/api/stats/geography")).GetProperty("cities")[0];

        Assert.Equal("Berlin", city.GetProperty("city").GetString());
        Assert.Equal(6, city.GetProperty("requests").GetInt64());
        Assert.Equal(52.52, city.GetProperty("latitude").GetDouble(), 9);
        Assert.Equal(13.4, city.GetProperty("longitude").GetDouble(), 9);

        var document = await GetJsonAsync("/openapi/v1.json");
        var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("CityCount").GetProperty("properties");
        foreach (var name in new[] { "latitude", "longitude" })
        {
            var property = properties.GetProperty(name);
            Assert.Equal("double", property.GetProperty("format").GetString());
            Assert.Contains("mean", property.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
        {
            "/api/usage", "/api/stats/overview", "/api/stats/timeseries", "/api/stats/status-classes", "/api/stats/top-urls",
            "/api/stats/top-countries", "/api/stats/urls", "/api/stats/url", "/api/stats/status-codes", "/api/stats/geography",
            "/api/stats/audience", "/api/stats/requests", "/api/stats/applications", "/api/stats/groups", "/api/export/{table}.{format}",
        })
        {
            Assert.Contains(path, paths);
        }

        var parameters = document.GetProperty("paths").GetProperty("/api/stats/overview").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("start", parameters);
        Assert.Contains("country", parameters);
        Assert.Contains("bots", parameters);
    }
}
