using System.Net;
using UsageDashboard.Tracker.Enrichment.Geo;

namespace UsageDashboard.Tracker.Tests.Enrichment.Geo;

/// <summary>Lookups in the real country database shipped with the tracker (copied to the test output; no network).</summary>
public sealed class OfflineGeoLocatorTests : IDisposable
{
    private readonly OfflineGeoLocator _locator = new(OfflineGeoLocator.DefaultDatabasePath);

    [Theory]
    [InlineData("8.8.8.8", "US", "United States")]
    [InlineData("2001:4860:4860::8888", "US", "United States")]
    [InlineData("::ffff:8.8.8.8", "US", "United States")]
    [InlineData("1.1.1.1", "AU", "Australia")]
    [InlineData("193.0.6.139", "NL", "Netherlands")]
    public void Public_addresses_get_country_code_and_name(string address, string code, string name)
    {
        var location = _locator.Lookup(IPAddress.Parse(address));
        Assert.NotNull(location);
        Assert.Equal(code, location.CountryCode);
        Assert.Equal(name, location.Country);
        Assert.Null(location.City);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.10")]
    [InlineData("172.20.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    public void Private_and_loopback_addresses_get_no_geo_and_no_error(string address)
    {
        Assert.Null(_locator.Lookup(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_shipped_database_is_the_ip_location_db_country_file()
    {
        Assert.True(File.Exists(OfflineGeoLocator.DefaultDatabasePath), OfflineGeoLocator.DefaultDatabasePath);
        Assert.False(string.IsNullOrEmpty(_locator.DatabaseType));
    }

    [Fact]
    public async Task The_enricher_fills_country_from_remote_addr_and_skips_private_ones()
    {
        using var provider = new OfflineGeoLocatorProvider(
            Microsoft.Extensions.Options.Options.Create(new GeoOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OfflineGeoLocatorProvider>.Instance);
        var google = Batch.Request(peer: "8.8.8.8");
        var local = Batch.Request(peer: "192.168.1.5");

        await new OfflineGeoEnricher(provider).EnrichAsync([google, local], TestContext.Current.CancellationToken);

        Assert.Equal("US", google.Record.CountryCode);
        Assert.Equal("United States", google.Record.Country);
        Assert.Null(local.Record.CountryCode);
    }

    [Fact]
    public async Task Each_record_gets_the_location_of_its_own_address_when_addresses_repeat_and_alternate()
    {
        using var provider = new OfflineGeoLocatorProvider(
            Microsoft.Extensions.Options.Options.Create(new GeoOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OfflineGeoLocatorProvider>.Instance);
        string[] peers = ["8.8.8.8", "8.8.8.8", "192.168.1.5", "192.168.1.5", "8.8.8.8", "192.168.1.5"];
        var batch = peers.Select(p => Batch.Request(peer: p)).ToList();

        await new OfflineGeoEnricher(provider).EnrichAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(["US", "US", null, null, "US", null], batch.Select(r => r.Record.CountryCode));
    }

    [Fact]
    public void A_missing_database_disables_geo_without_throwing()
    {
        using var provider = new OfflineGeoLocatorProvider(
            Microsoft.Extensions.Options.Options.Create(new GeoOptions { DatabasePath = "/nonexistent/GeoLite2-City.mmdb" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OfflineGeoLocatorProvider>.Instance);
        Assert.Null(provider.Locator);
    }

    public void Dispose() => _locator.Dispose();
}
