// Each query takes milliseconds on the small test data; threading the test cancellation token through every call would only add noise.
#pragma warning disable xUnit1051

using Microsoft.EntityFrameworkCore.Infrastructure;
using UsageDashboard.Data.Statistics;
using UsageDashboard.Tracker;
using static UsageDashboard.Data.Tests.Statistics.StatisticsTestData;

namespace UsageDashboard.Data.Tests.Statistics;

/// <summary>
/// Cities as map points: counts per city and the mean of their records' coordinates, in a database of
/// their own so the coordinates can be chosen freely. Every coordinate is a binary fraction, so the means
/// are exact on both providers and compared without tolerance.
/// </summary>
public abstract partial class UsageStatisticsTests
{
    private static readonly UsageFilter GeoDay = new() { Start = T0, End = T0.AddDays(1) };

    [Fact]
    public async Task Cities_count_every_request_and_sit_at_the_mean_of_their_coordinates()
    {
        var geo = await (await CityStatisticsAsync()).GetGeographyAsync(GeoDay);

        Assert.Equal(
            ["DE Berlin", "US Springfield", "FJ Suva", "FJ Vuna", "FR Paris", "US Paris", "ZZ Atlantis"],
            geo.Cities.Select(c => $"{c.CountryCode} {c.City}"));
        Assert.Equal([6L, 3, 2, 2, 2, 1, 1], geo.Cities.Select(c => c.Requests));
        Assert.Equal(19, geo.Countries.Sum(c => c.Requests));

        // Three located records; the one without coordinates, the one with only a latitude and the one
        // out of range count as requests but do not move the point.
        var berlin = geo.Cities[0];
        Assert.Equal("Germany", berlin.Country);
        Assert.Equal(6.0 / 19, berlin.Share, 12);
        Assert.Equal(52.5, berlin.Latitude);
        Assert.Equal(13.25, berlin.Longitude);

        var springfield = geo.Cities[1];
        Assert.Null(springfield.Latitude);
        Assert.Null(springfield.Longitude);

        Assert.Equal((48.875, 2.375), Position(geo.Cities[4]));
        Assert.Equal((33.5, -95.5), Position(geo.Cities[5]));
        var atlantis = geo.Cities[6];
        Assert.Equal("Unknown", atlantis.Country);
        Assert.Equal((0.5, -30.25), Position(atlantis));
    }

    [Fact]
    public async Task A_city_straddling_the_antimeridian_stays_on_its_side_of_the_globe()
    {
        var geo = await (await CityStatisticsAsync()).GetGeographyAsync(GeoDay with { CountryCode = "FJ" });

        // 179.5 and -179.75 average to -0.125 naively; the point belongs at 179.875 (and -179.875 for Vuna).
        Assert.Equal(["Suva", "Vuna"], geo.Cities.Select(c => c.City));
        Assert.Equal((-18.125, 179.875), Position(geo.Cities[0]));
        Assert.Equal((-16.75, -179.875), Position(geo.Cities[1]));
    }

    [Fact]
    public async Task City_count_limits_the_list_and_zero_skips_the_cities()
    {
        var statistics = await CityStatisticsAsync();

        var top = await statistics.GetGeographyAsync(GeoDay, cityCount: 2);
        Assert.Equal(["Berlin", "Springfield"], top.Cities.Select(c => c.City));
        Assert.Equal((52.5, 13.25), Position(top.Cities[0]));

        var none = await statistics.GetGeographyAsync(GeoDay, cityCount: 0);
        Assert.Empty(none.Cities);
        Assert.Equal(19, none.Countries.Sum(c => c.Requests));
    }

    private static (double?, double?) Position(CityCount city) => (city.Latitude, city.Longitude);

    private async Task<IUsageStatistics> CityStatisticsAsync()
    {
        var options = await EmptyAsync();
        await using (var db = new UsageDbContext(options))
        {
            db.Usage.AddRange(CityRecords());
            await db.SaveChangesAsync();
        }

        return new UsageStatistics(new PooledDbContextFactory<UsageDbContext>(options));
    }

    private static IEnumerable<UsageRecord> CityRecords()
    {
        var minute = 0;
        UsageRecord At(string? code, string? country, string? city, double? latitude, double? longitude, DateTime? date = null) => new()
        {
            Date = date ?? T0.AddMinutes(++minute),
            Url = "http://localhost/",
            Path = "/",
            Method = "GET",
            Status = 200,
            Speed = 0.001,
            CountryCode = code,
            Country = country,
            City = city,
            Latitude = latitude,
            Longitude = longitude,
            ServerName = "HostApp",
        };

        yield return At("DE", "Germany", "Berlin", 52.5, 13.25);
        yield return At("DE", "Germany", "Berlin", 52.75, 13.5);
        yield return At("DE", "Germany", "Berlin", 52.25, 13.0);
        yield return At("DE", "Germany", "Berlin", null, null);
        yield return At("DE", "Germany", "Berlin", 10.0, null);
        yield return At("DE", "Germany", "Berlin", 91.0, 13.0);
        yield return At("DE", "Germany", null, 51.0, 10.0);
        yield return At("DE", "Germany", "", 51.0, 10.0);
        // Outside the day: neither counted nor averaged.
        yield return At("DE", "Germany", "Berlin", 0.0, 0.0, T0.AddDays(1));

        for (var i = 0; i < 3; i++)
        {
            yield return At("US", "United States", "Springfield", null, null);
        }

        yield return At("FJ", "Fiji", "Suva", -18.0, 179.5);
        yield return At("FJ", "Fiji", "Suva", -18.25, -179.75);
        yield return At("FJ", "Fiji", "Vuna", -16.75, -179.5);
        yield return At("FJ", "Fiji", "Vuna", -16.75, 179.75);
        yield return At("FR", "France", "Paris", 48.75, 2.25);
        yield return At("FR", "France", "Paris", 49.0, 2.5);
        yield return At("US", "United States", "Paris", 33.5, -95.5);
        yield return At(null, null, "Atlantis", 0.5, -30.25);
    }
}
