using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageDashboard.Tracker.Enrichment;
using UsageDashboard.Tracker.Tests.Support;

namespace UsageDashboard.Tracker.Tests.Capture;

public sealed class UsageTrackingMiddlewareTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Original: test_expected_data.
    [Fact]
    public async Task ExpectedData_AsTheOriginal()
    {
        await using var app = await TrackedApp.StartAsync(a => a.MapGet("/", () => "Hello!"));
        var before = DateTime.UtcNow.AddSeconds(-1);

        await app.GetAsync("/");
        var result = Assert.Single(await app.StopAsync());

        Assert.Null(result.Blueprint);
        Assert.Null(result.IpInfo);
        Assert.Equal(200, result.Status);
        Assert.Equal("127.0.0.1", result.RemoteAddr);
        Assert.True(result.Speed >= 0);
        Assert.Equal("{}", result.ViewArgs);
        Assert.Equal(app.Client.BaseAddress!.ToString(), result.Url);
        Assert.Equal("/", result.Path);
        Assert.False(result.Authorization);
        Assert.Equal(DateTimeKind.Utc, result.Date.Kind);
        Assert.InRange(result.Date, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Switching_tracking_off_and_renaming_the_application_apply_on_a_configuration_reload()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/{n:int}", (int n) => n),
            new Dictionary<string, string?> { ["UsageTracking:ApplicationName"] = "before" });
        var configuration = (IConfigurationRoot)app.App.Configuration;

        await app.GetAsync("/1");
        configuration["UsageTracking:Enabled"] = "false";
        configuration.Reload();
        await app.GetAsync("/2");
        configuration["UsageTracking:Enabled"] = "true";
        configuration["UsageTracking:ApplicationName"] = "after";
        configuration.Reload();
        await app.GetAsync("/3");

        var records = await app.StopAsync();
        Assert.Equal(["/1", "/3"], records.Select(r => r.Path).Order());
        Assert.Equal("before", records.Single(r => r.Path == "/1").ServerName);
        Assert.Equal("after", records.Single(r => r.Path == "/3").ServerName);
    }

    [Fact]
    public async Task EveryField_IsRecorded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(8_912_345));
        var enricher = new RecordingEnricher();
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGroup("/shop").WithUsageGroup("shop").MapGet("/products/{id}", (HttpContext context, string id) =>
            {
                context.TrackVar("campaign", "spring");
                context.TrackVar("items", 3);
                return "product " + id;
            }),
            new Dictionary<string, string?> { ["UsageTracking:ApplicationName"] = "shop-frontend" },
            (builder, tracking) =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<IUsageEnricher>(enricher);
            });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shop/products/42?q=red+shoes&tag=a&tag=b");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7, 10.0.0.1");
        request.Headers.TryAddWithoutValidation("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        request.Headers.Add("DNT", "1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice:secret"u8));

        var response = await app.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        var r = Assert.Single(await app.StopAsync());

        var url = new Uri(app.Client.BaseAddress!, "/shop/products/42?q=red+shoes&tag=a&tag=b").ToString();
        Assert.Equal(new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc), r.Date);
        Assert.Equal(url, r.Url);
        Assert.Equal("/shop/products/42", r.Path);
        Assert.Equal("shop", r.Blueprint);
        Assert.Equal("""{"id":"42"}""", r.ViewArgs);
        Assert.Equal("""{"q":"red shoes","tag":["a","b"]}""", r.UrlArgs);
        Assert.Equal(200, r.Status);
        // As captured: TrackedApp runs without enrichment steps, which resolve X-Forwarded-For through
        // trusted proxies later (covered by the enrichment tests and DatabaseStoreTests).
        Assert.Equal("127.0.0.1", r.RemoteAddr);
        Assert.Equal("203.0.113.7, 10.0.0.1", r.XForwardedFor);
        Assert.True(r.Authorization);
        Assert.Equal("alice", r.UserName);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", r.UserAgent);
        Assert.True(r.Speed >= 0);
        Assert.Equal(body.Length, r.ContentLength);
        Assert.Equal("product 42", Encoding.UTF8.GetString(body));
        Assert.Equal($"GET {url} HTTP/1.1", r.Request);
        Assert.Equal("shop-frontend", r.ServerName);
        Assert.Equal("GET", r.Method);
        Assert.Equal("/shop/products/{id}", r.Route);
        Assert.Equal("HTTP: GET /shop/products/{id}", r.EndpointName);
        Assert.Equal("""{"campaign":"spring","items":3}""", r.TrackVar);

        var captured = Assert.Single(enricher.Seen);
        Assert.Same(r, captured.Record);
        Assert.Equal(IPAddress.Loopback, captured.PeerAddress);
        Assert.Equal("de-DE,de;q=0.9,en;q=0.5", captured.AcceptLanguage);
        Assert.True(captured.DoNotTrack);
    }

    [Fact]
    public async Task ServerName_DefaultsToTheHostApplicationName_AndGlobalPrivacyControlCountsAsDoNotTrack()
    {
        var enricher = new RecordingEnricher();
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            configure: (builder, _) => builder.Services.AddSingleton<IUsageEnricher>(enricher));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Sec-GPC", "1");

        await app.SendAsync(request);
        await app.GetAsync("/");
        var records = await app.StopAsync();

        Assert.All(records, r => Assert.Equal(app.App.Environment.ApplicationName, r.ServerName));
        Assert.Equal([true, false], enricher.Seen.Select(c => c.DoNotTrack));
        Assert.All(records, r => Assert.Null(r.UserAgent));
    }

    [Fact]
    public async Task RequestLine_UsesTheRealProtocol()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapPost("/cart", () => Results.Created("/cart/1", null)),
            configure: (builder, _) => builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cart")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        await app.SendAsync(request);
        var r = Assert.Single(await app.StopAsync());

        Assert.Equal($"POST {app.Client.BaseAddress}cart HTTP/2", r.Request);
        Assert.Equal("POST", r.Method);
        Assert.Equal(201, r.Status);
        Assert.Equal(0, r.ContentLength);
    }

    [Fact]
    public async Task ContentLength_CountsBytesWritten_ChunkedOrNot()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, new byte[12_345], Ct);
        try
        {
            await using var app = await TrackedApp.StartAsync(a =>
            {
                a.MapGet("/chunked", async (HttpContext context) =>
                {
                    await context.Response.WriteAsync("first,", Ct);
                    await context.Response.Body.WriteAsync(new byte[1000], Ct);
                    await context.Response.Body.FlushAsync(Ct);
                    var memory = context.Response.BodyWriter.GetMemory(500);
                    memory.Span[..500].Fill((byte)'x');
                    context.Response.BodyWriter.Advance(500);
                    await context.Response.BodyWriter.WriteAsync(new byte[24], Ct);
                });
                a.MapGet("/json", () => Results.Json(new { name = "ünïcode", values = Enumerable.Range(0, 100) }));
                a.MapGet("/file", () => Results.File(file, "application/octet-stream"));
                a.MapGet("/empty", () => Results.NoContent());
            });

            var chunked = await app.GetAsync("/chunked");
            var json = await app.GetAsync("/json");
            var download = await app.GetAsync("/file");
            await app.GetAsync("/empty");
            var records = await app.StopAsync();

            Assert.True(chunked.Headers.TransferEncodingChunked);
            Assert.Equal(
                [
                    (await chunked.Content.ReadAsByteArrayAsync(Ct)).Length,
                    (await json.Content.ReadAsByteArrayAsync(Ct)).Length,
                    12_345,
                    0,
                ],
                records.Select(r => (int)r.ContentLength));
            Assert.Equal(6 + 1000 + 500 + 24, records[0].ContentLength);
            Assert.Equal(12_345, (await download.Content.ReadAsByteArrayAsync(Ct)).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task EndpointException_IsRecordedOnceAs500_AndRethrownUnchanged()
    {
        var thrown = new InvalidOperationException("boom");
        Exception? caught = null;
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/fail", IResult () => throw thrown),
            pipeline: a =>
            {
                a.Use(async (context, next) =>
                {
                    try
                    {
                        await next(context);
                    }
                    catch (Exception ex)
                    {
                        caught = ex;
                        context.Response.StatusCode = 503;
                    }
                });
                a.UseUsageTracking();
            });

        var response = await app.GetAsync("/fail");
        var record = Assert.Single(await app.StopAsync());

        Assert.Same(thrown, caught);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(500, record.Status);
        Assert.Equal("/fail", record.Path);
        Assert.Equal(1, app.Counters.Captured);
    }

    [Fact]
    public async Task EndpointException_ReExecutedByTheExceptionHandler_IsRecordedOnce()
    {
        await using var app = await TrackedApp.StartAsync(
            a =>
            {
                a.MapGet("/fail", IResult () => throw new InvalidOperationException("boom"));
                a.MapGet("/error", () => Results.Problem("handled"));
            },
            pipeline: a =>
            {
                a.UseExceptionHandler("/error");
                a.UseUsageTracking();
            });

        var response = await app.GetAsync("/fail");
        var record = Assert.Single(await app.StopAsync());

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal(500, record.Status);
        Assert.Equal("/fail", record.Path);
    }

    [Fact]
    public async Task StatusCodePagesReExecution_IsRecordedOnce()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/status/{code}", (int code) => $"status {code}"),
            pipeline: a =>
            {
                a.UseStatusCodePagesWithReExecute("/status/{0}");
                a.UseUsageTracking();
            });

        var response = await app.GetAsync("/missing");
        var record = Assert.Single(await app.StopAsync());

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("status 404", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(404, record.Status);
        Assert.Equal("/missing", record.Path);
    }

    [Fact]
    public async Task UserName_IsTheAuthenticatedUser_BeforeBasicCredentials()
    {
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/", () => "Hello!"),
            pipeline: a =>
            {
                a.Use((context, next) =>
                {
                    if (context.Request.Headers.ContainsKey("X-Test-User"))
                    {
                        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "carol")], "Test"));
                    }

                    return next(context);
                });
                a.UseUsageTracking();
            });
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/");
        signedIn.Headers.Add("X-Test-User", "1");
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("bob:pw"u8));
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/");

        await app.SendAsync(signedIn);
        await app.SendAsync(anonymous);
        var records = await app.StopAsync();

        Assert.Equal(["carol", null], records.Select(r => r.UserName));
        Assert.Equal([true, false], records.Select(r => r.Authorization));
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic YQ")]
    [InlineData("Basic Og==")]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("Digest username=\"x\"")]
    [InlineData("garbage")]
    public async Task MalformedAuthorization_IsRecordedWithoutUserName_AndNeverFails(string header)
    {
        await using var app = await TrackedApp.StartAsync(a => a.MapGet("/", () => "Hello!"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", header));

        var response = await app.SendAsync(request);
        var record = Assert.Single(await app.StopAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(record.Authorization);
        Assert.Null(record.UserName);
        Assert.Equal(0, app.Counters.CaptureFailures);
    }

    [Fact]
    public async Task HugeInputs_AreTruncatedToTheColumnLimits_AndJsonStaysValid()
    {
        var longSegment = new string('p', 3000);
        var query = string.Join('&', Enumerable.Range(0, 400).Select(i => $"key{i}={new string('v', 40)}"));
        var hugeUserName = new string('u', 2000);
        await using var app = await TrackedApp.StartAsync(
            a => a.MapGet("/items/{name}", (HttpContext context, string name) =>
            {
                context.TrackVar("blob", new string('t', 10_000));
                context.TrackVar("small", 1);
                return "ok";
            }).WithUsageGroup(new string('g', 500)),
            configure: (builder, _) => builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestLineSize = 128 * 1024;
                k.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
                k.Limits.MaxRequestHeaderCount = 200;
            }));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/items/{longSegment}?{query}");
        request.Headers.TryAddWithoutValidation("User-Agent", "Agent/" + new string('a', 10_000));
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", string.Join(", ", Enumerable.Repeat("198.51.100.1", 1000)));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(hugeUserName + ":pw")));

        var response = await app.SendAsync(request);
        var r = Assert.Single(await app.StopAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UsageRecordLimits.Url, r.Url.Length);
        Assert.Equal(UsageRecordLimits.Path, r.Path.Length);
        Assert.Equal(UsageRecordLimits.Blueprint, r.Blueprint!.Length);
        Assert.Equal(UsageRecordLimits.UserAgent, r.UserAgent!.Length);
        Assert.Equal(UsageRecordLimits.ForwardedFor, r.XForwardedFor!.Length);
        Assert.Equal(UsageRecordLimits.UserName, r.UserName!.Length);
        Assert.Equal($"GET {r.Url} HTTP/1.1", r.Request);
        Assert.InRange(r.Request!.Length, UsageRecordLimits.Url, UsageRecordLimits.Request);
        foreach (var json in new[] { r.ViewArgs!, r.UrlArgs!, r.TrackVar! })
        {
            Assert.InRange(json.Length, 2, UsageRecordLimits.Json);
            using var document = JsonDocument.Parse(json);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }

        using (var trackVar = JsonDocument.Parse(r.TrackVar!))
        {
            Assert.StartsWith("ttt", trackVar.RootElement.GetProperty("blob").GetString(), StringComparison.Ordinal);
        }

        using var viewArgs = JsonDocument.Parse(r.ViewArgs!);
        Assert.StartsWith("ppp", viewArgs.RootElement.GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackVar_KeepsLastValuePerKey_AndStoresUnserializableValuesAsText()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/vars", (HttpContext context) =>
            {
                context.TrackVar("user", new { id = 7, roles = new[] { "admin" } });
                context.TrackVar("step", 1);
                context.TrackVar("step", 2);
                context.TrackVar("odd", new Unserializable());
                context.TrackVar("none", null);
                return "ok";
            });
            a.MapGet("/novars", () => "ok");
            a.MapGet("/untracked", (HttpContext context) =>
            {
                context.TrackVar("ignored", true);
                return "ok";
            }).ExcludeFromUsageTracking();
        });

        await app.GetAsync("/vars");
        await app.GetAsync("/novars");
        await app.GetAsync("/untracked");
        var records = await app.StopAsync();

        Assert.Equal(2, records.Count);
        Assert.Equal("""{"user":{"id":7,"roles":["admin"]},"step":2,"odd":"unserializable value","none":null}""", records[0].TrackVar);
        Assert.Null(records[1].TrackVar);
    }

    [Fact]
    public async Task ViewArgs_HoldOnlyRouteParameters_AndUrlArgsAnEmptyObjectWithoutQuery()
    {
        await using var app = await TrackedApp.StartAsync(a =>
        {
            a.MapGet("/orders/{id:int}/lines/{line?}", (int id, int? line) => $"{id}/{line}");
        });

        await app.GetAsync("/orders/5/lines/2");
        await app.GetAsync("/orders/6/lines");
        var records = await app.StopAsync();

        Assert.Equal(["""{"id":"5","line":"2"}""", """{"id":"6"}"""], records.Select(r => r.ViewArgs));
        Assert.All(records, r => Assert.Equal("{}", r.UrlArgs));
        Assert.All(records, r => Assert.Equal("/orders/{id:int}/lines/{line?}", r.Route));
    }

    private sealed class Unserializable
    {
        public int Value => throw new NotSupportedException("cannot read");

        public override string ToString() => "unserializable value";
    }
}
