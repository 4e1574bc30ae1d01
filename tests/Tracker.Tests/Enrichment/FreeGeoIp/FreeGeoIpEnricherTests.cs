using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Enrichment.FreeGeoIp;

namespace UsageDashboard.Tracker.Tests.Enrichment.FreeGeoIp;

public sealed class FreeGeoIpEnricherTests : IAsyncLifetime
{
    private FakeGeoEndpoint _endpoint = null!;
    private ServiceProvider _services = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync()
    {
        _endpoint = await FakeGeoEndpoint.StartAsync();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        // Warm the server and the client up so that a cold start on a busy machine does not eat the deadline.
        using var warmUp = _services.GetRequiredService<IHttpClientFactory>().CreateClient(FreeGeoIpClient.HttpClientName);
        (await warmUp.GetAsync(new Uri($"{_endpoint.BaseUrl}/ok/127.0.0.1"), TestContext.Current.CancellationToken)).Dispose();
        _endpoint.Hits.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private (FreeGeoIpEnricher Enricher, FreeGeoIpClient Client) Create(string mode, Action<FreeGeoIpOptions>? configure = null)
    {
        var options = new FreeGeoIpOptions { Enabled = true, Endpoint = $"{_endpoint.BaseUrl}/{mode}/{{ip}}", Timeout = TimeSpan.FromSeconds(3) };
        configure?.Invoke(options);
        var monitor = new StaticOptionsMonitor<FreeGeoIpOptions>(options);
        var client = new FreeGeoIpClient(_services.GetRequiredService<IHttpClientFactory>(), monitor, _time, NullLogger<FreeGeoIpClient>.Instance);
        return (new FreeGeoIpEnricher(client, monitor), client);
    }

    private static List<CapturedRequest> Requests(params string[] addresses) => [.. addresses.Select(a => Batch.Request(peer: a))];

    [Fact]
    public async Task A_good_answer_is_stored_as_ip_info_and_mapped_to_geo_fields()
    {
        var (enricher, _) = Create("ok");
        var batch = Requests("8.8.8.8", "8.8.8.8", "1.1.1.1");

        await enricher.EnrichAsync(batch, TestContext.Current.CancellationToken);

        var record = batch[0].Record;
        Assert.Equal("US", record.CountryCode);
        Assert.Equal("United States", record.Country);
        Assert.Equal("California", record.Region);
        Assert.Equal("Mountain View", record.City);
        Assert.Equal(37.4056, record.Latitude);
        Assert.Equal(-122.0775, record.Longitude);
        Assert.Equal("8.8.8.8", JsonDocument.Parse(record.IpInfo!).RootElement.GetProperty("query").GetString());
        Assert.Equal("1.1.1.1", JsonDocument.Parse(batch[2].Record.IpInfo!).RootElement.GetProperty("query").GetString());
        Assert.Equal(2, _endpoint.HitsOn("ok")); // one lookup per distinct address
    }

    [Fact]
    public async Task Answers_are_cached_per_address_until_they_expire()
    {
        var (enricher, _) = Create("ok", o => o.CacheDuration = TimeSpan.FromMinutes(10));
        await enricher.EnrichAsync(Requests("8.8.8.8"), TestContext.Current.CancellationToken);
        await enricher.EnrichAsync(Requests("8.8.8.8"), TestContext.Current.CancellationToken);
        Assert.Equal(1, _endpoint.HitsOn("ok"));

        _time.Advance(TimeSpan.FromMinutes(11));
        await enricher.EnrichAsync(Requests("8.8.8.8"), TestContext.Current.CancellationToken);
        Assert.Equal(2, _endpoint.HitsOn("ok"));
    }

    [Fact]
    public async Task String_coordinates_and_other_field_names_are_mapped()
    {
        var (enricher, _) = Create("extreme");
        var batch = Requests("1.1.1.1");
        await enricher.EnrichAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal("AU", batch[0].Record.CountryCode);
        Assert.Equal("Australia", batch[0].Record.Country);
        Assert.Equal("New South Wales", batch[0].Record.Region);
        Assert.Equal("Sydney", batch[0].Record.City);
        Assert.Equal(-33.86, batch[0].Record.Latitude);
        Assert.Equal(151.20, batch[0].Record.Longitude);
    }

    [Theory]
    [InlineData("slow")]
    [InlineData("error")]
    [InlineData("malformed")]
    [InlineData("array")]
    public async Task A_failing_endpoint_loses_no_record_and_leaves_geo_empty(string mode)
    {
        var (enricher, _) = Create(mode);
        var batch = Requests("8.8.8.8", "1.1.1.1", "9.9.9.9", "192.168.1.1");

        // The slow endpoint waits 30 s; the batch must be released by the 3 s deadline instead.
        await enricher.EnrichAsync(batch, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(4, batch.Count);
        Assert.All(batch, r =>
        {
            Assert.False(r.Discard);
            Assert.Null(r.Record.IpInfo);
            Assert.Null(r.Record.CountryCode);
            Assert.NotNull(r.Record.RemoteAddr);
        });
        Assert.Equal(3, _endpoint.HitsOn(mode)); // the private address is never sent
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_until_the_break_is_over()
    {
        var (enricher, client) = Create("error", o =>
        {
            o.FailuresBeforeBreaking = 3;
            o.BreakDuration = TimeSpan.FromMinutes(1);
            o.MaxConcurrency = 1;
        });

        await enricher.EnrichAsync(Requests("8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9"), TestContext.Current.CancellationToken);
        Assert.Equal(3, _endpoint.HitsOn("error"));
        Assert.True(client.IsCircuitOpen);

        await enricher.EnrichAsync(Requests("4.4.4.4"), TestContext.Current.CancellationToken);
        Assert.Equal(3, _endpoint.HitsOn("error"));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(client.IsCircuitOpen);
        await enricher.EnrichAsync(Requests("4.4.4.4"), TestContext.Current.CancellationToken);
        Assert.Equal(4, _endpoint.HitsOn("error"));
    }

    [Fact]
    public async Task A_large_answer_is_cut_at_a_field_boundary_to_1024_characters()
    {
        var (enricher, _) = Create("big");
        var batch = Requests("8.8.8.8");
        await enricher.EnrichAsync(batch, TestContext.Current.CancellationToken);

        var ipInfo = batch[0].Record.IpInfo!;
        Assert.InRange(ipInfo.Length, 900, 1024);
        var json = JsonDocument.Parse(ipInfo).RootElement; // still valid JSON
        Assert.Equal("DE", json.GetProperty("countryCode").GetString());
        Assert.All(json.EnumerateObject().Skip(1), p => Assert.Equal(40, p.Value.GetString()!.Length));
        Assert.Equal("DE", batch[0].Record.CountryCode);
    }

    [Fact]
    public async Task Disabled_by_default_sends_nothing()
    {
        var (enricher, _) = Create("ok", o => o.Enabled = false);
        var batch = Requests("8.8.8.8");
        await enricher.EnrichAsync(batch, TestContext.Current.CancellationToken);
        Assert.Null(batch[0].Record.IpInfo);
        Assert.Equal(0, _endpoint.HitsOn("ok"));
        Assert.False(new FreeGeoIpOptions().Enabled);
    }

    [Theory]
    [InlineData("http://extreme-ip-lookup.com/json/{ip}", "8.8.8.8", "http://extreme-ip-lookup.com/json/8.8.8.8")]
    [InlineData("http://example.test/json/", "8.8.8.8", "http://example.test/json/8.8.8.8")]
    [InlineData("http://example.test/json", "8.8.8.8", "http://example.test/json/8.8.8.8")]
    [InlineData("http://example.test/?ip=", "8.8.8.8", "http://example.test/?ip=8.8.8.8")]
    [InlineData("http://example.test/{ip}?lang=en", "2001:db8::1", "http://example.test/2001%3Adb8%3A%3A1?lang=en")]
    public void The_address_is_url_encoded_into_the_endpoint(string endpoint, string address, string expected)
    {
        Assert.Equal(expected, FreeGeoIpClient.BuildUri(endpoint, address).OriginalString);
    }
}
