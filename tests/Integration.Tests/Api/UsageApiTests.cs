using System.Net;
using System.Text.Json;

namespace UsageDashboard.Integration.Tests.Api;

/// <summary><c>GET /api/usage</c> over real HTTP: the original's keys, its defaults and 400s naming the parameter.</summary>
public sealed class UsageApiTests(DashboardApiHost host) : IClassFixture<DashboardApiHost>
{
    private static readonly string[] OriginalKeys =
    [
        "url", "user_agent", "blueprint", "view_args", "status", "remote_addr", "xforwardedfor", "authorization", "ip_info",
        "path", "speed", "date", "username", "track_var",
    ];

    private static readonly string[] AddedKeys =
    [
        "content_length", "url_args", "request", "server_name", "method", "route", "country_code", "country", "city",
        "latitude", "longitude", "os_version", "device", "is_bot", "visitor_id",
    ];

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    [Fact]
    public async Task Items_carry_exactly_the_original_keys_plus_the_additions()
    {
        var items = await GetJsonAsync("/api/usage");

        var first = items[0];
        Assert.Equal([.. OriginalKeys, .. AddedKeys], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["browser", "language", "platform", "version"], first.GetProperty("user_agent").EnumerateObject().Select(p => p.Name));

        var product = items.EnumerateArray().First(i => i.GetProperty("path").GetString() == "/shop/products/5");
        Assert.Equal("5", product.GetProperty("view_args").GetProperty("id").GetString());
        Assert.Equal("pro", product.GetProperty("track_var").GetProperty("plan").GetString());
        Assert.Equal("x", product.GetProperty("url_args").GetProperty("q").GetString());
        Assert.Equal("DE", product.GetProperty("ip_info").GetProperty("country").GetString());
        Assert.Equal("Chrome", product.GetProperty("user_agent").GetProperty("browser").GetString());
        Assert.Equal("120", product.GetProperty("user_agent").GetProperty("version").GetString());
        Assert.Equal("en-US", product.GetProperty("user_agent").GetProperty("language").GetString());
        Assert.Equal(200, product.GetProperty("status").GetInt32());
        Assert.Equal(0.07, product.GetProperty("speed").GetDouble(), 9);
        Assert.Equal("2026-03-02T07:00:00Z", product.GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.False, product.GetProperty("authorization").ValueKind);
        Assert.Equal("/shop/products/{id}", product.GetProperty("route").GetString());
        Assert.Equal(52.52, product.GetProperty("latitude").GetDouble(), 9);

        var fail = items.EnumerateArray().First(i => i.GetProperty("path").GetString() == "/shop/fail");
        Assert.Equal(JsonValueKind.Null, fail.GetProperty("view_args").ValueKind);
        Assert.Equal(JsonValueKind.Null, fail.GetProperty("country_code").ValueKind);
    }

    [Fact]
    public async Task Defaults_are_epoch_to_now_newest_first_500()
    {
        var items = await GetJsonAsync("/api/usage");

        Assert.Equal(12, items.GetArrayLength()); // the record after "now" is not included
        var dates = items.EnumerateArray().Select(i => i.GetProperty("date").GetDateTime()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal("/nope", items[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Range_limit_and_page_select_records()
    {
        var page = await GetJsonAsync("/api/usage?limit=5&page=2");
        Assert.Equal(5, page.GetArrayLength());
        Assert.Equal("/shop/fail", page[0].GetProperty("path").GetString());

        var range = await GetJsonAsync("/api/usage?start=2026-03-02T02:00:00Z&end=2026-03-02T05:00:00%2B00:00");
        Assert.Equal(["/shop/products/2", "/shop/products/1", "/shop/products/0"],
            range.EnumerateArray().Select(i => i.GetProperty("path").GetString()));

        var withFuture = await GetJsonAsync("/api/usage?end=2026-03-03");
        Assert.Equal(13, withFuture.GetArrayLength());
        Assert.Equal(0, (await GetJsonAsync("/api/usage?page=99")).GetArrayLength());
        Assert.Equal(5, (await GetJsonAsync("/api/usage?limit=5&page=-3")).GetArrayLength());
    }

    [Theory]
    [InlineData("start=yesterday", "start")]
    [InlineData("end=2026-13-45", "end")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("page=one", "page")]
    public async Task Bad_parameters_give_400_problem_details_naming_the_parameter(string query, string parameter)
    {
        using var response = await host.Client.GetAsync("/api/usage?" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
