using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace UsageDashboard.Integration.Tests.SharedDatabase;

/// <summary>
/// HostApp and the Dashboard sharing one database: what HostApp serves shows up in the Dashboard's
/// <c>GET /api/usage</c>. Written once, run per provider by the subclasses.
/// </summary>
public abstract class SharedDatabaseTests(SharedAppsFixture apps) : IAsyncLifetime
{
    /// <summary>The Done-when bound: a request shows up in the Dashboard within two seconds.</summary>
    private static readonly TimeSpan VisibleWithin = TimeSpan.FromSeconds(2);

    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36";

    // Every test tags its requests so that tests sharing the database never see each other's records.
    private readonly string _marker = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly DateTime _since = DateTime.UtcNow.AddMinutes(-1);

    private HttpClient HostApp => apps.HostApp;

    private HttpClient Dashboard => apps.Dashboard;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await apps.StartAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Requests_show_up_in_the_dashboard_within_two_seconds_with_every_field_filled()
    {
        var product = await SendAsync(HttpMethod.Get, $"/shop/products/2?run={_marker}&color=red", browserHeaders: true);
        Assert.Equal(HttpStatusCode.OK, product.StatusCode);
        var cart = await SendAsync(HttpMethod.Post, $"/shop/cart?run={_marker}", browserHeaders: true,
            content: JsonContent.Create(new { productId = 2, quantity = 3 }));
        Assert.Equal(HttpStatusCode.Created, cart.StatusCode);

        var (records, elapsed) = await UsageApi.WaitForAsync(Dashboard, _since, _marker, r => r.Count >= 2, VisibleWithin);
        Assert.True(records.Count == 2, $"expected 2 records within {VisibleWithin.TotalSeconds} s, found {records.Count} after {elapsed.TotalMilliseconds:F0} ms");

        var get = Assert.Single(records, r => r.GetProperty("method").GetString() == "GET");
        Assert.StartsWith($"{HostApp.BaseAddress!.GetLeftPart(UriPartial.Authority)}/shop/products/2?", get.GetProperty("url").GetString());
        Assert.Equal("/shop/products/2", get.GetProperty("path").GetString());
        Assert.Equal("shop", get.GetProperty("blueprint").GetString());
        Assert.Equal("/shop/products/{id}", get.GetProperty("route").GetString());
        Assert.Equal("2", UsageApi.Text(UsageApi.AsObject(get.GetProperty("view_args")), "id")?.Trim('"'));
        var urlArgs = UsageApi.AsObject(get.GetProperty("url_args"));
        Assert.Contains("red", UsageApi.Text(urlArgs, "color"), StringComparison.Ordinal);
        Assert.Contains(_marker, UsageApi.Text(urlArgs, "run"), StringComparison.Ordinal);
        Assert.Equal(200, get.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(get.GetProperty("remote_addr").GetString()));
        Assert.Equal("203.0.113.7", get.GetProperty("xforwardedfor").GetString());
        Assert.True(get.GetProperty("authorization").GetBoolean());
        Assert.Equal("alice", get.GetProperty("username").GetString());
        var userAgent = get.GetProperty("user_agent");
        Assert.Equal("Chrome", userAgent.GetProperty("browser").GetString());
        Assert.StartsWith("120", userAgent.GetProperty("version").GetString());
        Assert.Equal("Windows", userAgent.GetProperty("platform").GetString());
        Assert.Equal("de-DE", userAgent.GetProperty("language").GetString());
        // Loopback and documentation addresses have no geo answer; the key is part of every item.
        Assert.True(get.TryGetProperty("ip_info", out _));
        Assert.True(get.GetProperty("speed").GetDouble() > 0);
        var date = get.GetProperty("date").GetDateTime().ToUniversalTime();
        Assert.InRange(date, _since, DateTime.UtcNow.AddSeconds(1));
        Assert.True(get.GetProperty("content_length").GetInt64() > 0);
        Assert.Equal($"GET {get.GetProperty("url").GetString()} HTTP/1.1", get.GetProperty("request").GetString());
        Assert.Equal(SharedAppsFixture.HostAppName, get.GetProperty("server_name").GetString());
        Assert.True(get.TryGetProperty("track_var", out _));

        var post = Assert.Single(records, r => r.GetProperty("method").GetString() == "POST");
        Assert.Equal("/shop/cart", post.GetProperty("path").GetString());
        Assert.Equal("/shop/cart", post.GetProperty("route").GetString());
        Assert.Equal("shop", post.GetProperty("blueprint").GetString());
        Assert.Equal(201, post.GetProperty("status").GetInt32());
        var trackVar = UsageApi.AsObject(post.GetProperty("track_var"));
        Assert.Equal("Moka pot", UsageApi.Text(trackVar, "product"));
        Assert.Equal("3", UsageApi.Text(trackVar, "quantity")?.Trim('"'));
        Assert.True(post.GetProperty("content_length").GetInt64() > 0);
    }

    [Fact]
    public async Task Excluded_endpoints_never_show_up()
    {
        // Each excluded endpoint works; none of them is recorded.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/admin/status?run={_marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, $"/admin/cache/clear?run={_marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/health?run={_marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/ping-untracked?run={_marker}")).StatusCode);

        // Records are written in the order requests completed: once this one is visible, any record
        // of the requests above would be too.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/ping?run={_marker}")).StatusCode);
        var (records, _) = await UsageApi.WaitForAsync(Dashboard, _since, _marker, r => r.Count >= 1, VisibleWithin);

        var only = Assert.Single(records);
        Assert.Equal("/ping", only.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("blueprint").ValueKind);
    }

    [Fact]
    public async Task Mvc_action_and_Razor_Page_are_recorded_with_their_group_and_route()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/reports/daily?run={_marker}&day=2026-11-01")).StatusCode);
        var page = await SendAsync(HttpMethod.Get, $"/privacy?run={_marker}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var (records, elapsed) = await UsageApi.WaitForAsync(Dashboard, _since, _marker, r => r.Count >= 2, VisibleWithin);
        Assert.True(records.Count == 2, $"expected 2 records, found {records.Count} after {elapsed.TotalMilliseconds:F0} ms");

        var report = Assert.Single(records, r => r.GetProperty("path").GetString() == "/reports/daily");
        Assert.Equal("reports", report.GetProperty("blueprint").GetString(), ignoreCase: true);
        Assert.Equal("reports/daily", report.GetProperty("route").GetString()?.Trim('/'), ignoreCase: true);
        Assert.Equal(200, report.GetProperty("status").GetInt32());
        Assert.Equal("2026-11-01", UsageApi.Text(UsageApi.AsObject(report.GetProperty("track_var")), "report_day"));

        var privacy = Assert.Single(records, r => r.GetProperty("path").GetString() == "/privacy");
        Assert.Equal("privacy", privacy.GetProperty("route").GetString()?.Trim('/'), ignoreCase: true);
        Assert.Equal(200, privacy.GetProperty("status").GetInt32());
        Assert.True(privacy.GetProperty("content_length").GetInt64() > 0);
    }

    [Fact]
    public async Task Not_found_and_a_failing_endpoint_are_recorded_once_each()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/no-such-page?run={_marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendAsync(HttpMethod.Get, $"/shop/fail?run={_marker}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/ping?run={_marker}")).StatusCode);

        var (records, _) = await UsageApi.WaitForAsync(Dashboard, _since, _marker,
            r => r.Any(x => x.GetProperty("path").GetString() == "/ping"), VisibleWithin);

        var notFound = Assert.Single(records, r => r.GetProperty("path").GetString() == "/no-such-page");
        Assert.Equal(404, notFound.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, notFound.GetProperty("blueprint").ValueKind);
        Assert.Equal(JsonValueKind.Null, notFound.GetProperty("route").ValueKind);

        var failed = Assert.Single(records, r => r.GetProperty("path").GetString() == "/shop/fail");
        Assert.Equal(500, failed.GetProperty("status").GetInt32());
        Assert.Equal("shop", failed.GetProperty("blueprint").GetString());
        Assert.Equal(3, records.Count);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, bool browserHeaders = false, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (browserHeaders)
        {
            request.Headers.UserAgent.ParseAdd(ChromeOnWindows);
            request.Headers.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.8");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:secret")));
        }

        var response = await HostApp.SendAsync(request, Cancel);
        await response.Content.LoadIntoBufferAsync(Cancel);
        return response;
    }
}
