using UsageDashboard.Data.Statistics.Sql;

namespace UsageDashboard.Data.Statistics;

internal sealed partial class UsageStatistics
{
    // Only records with both coordinates in range place a city; the others still count its requests.
    private const string Located = "latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180";

    public async Task<GeographyStatistics> GetGeographyAsync(UsageFilter filter, int cityCount = 100, CancellationToken cancellationToken = default)
    {
        filter = Normalize(filter);
        RequireRange(cityCount, 0, 10_000, nameof(cityCount));
        var d = await DialectAsync(cancellationToken).ConfigureAwait(false);
        var countriesTask = CountriesAsync(filter, null, cancellationToken);

        // One GROUP BY per city: the request count and the mean of its records' coordinates. The longitude
        // is also averaged on a 0-360 scale so a city whose records straddle the antimeridian (Fiji, Chukotka)
        // is not placed at the opposite side of the globe; MIN/MAX tell which of the two means applies.
        var f = SqlFilter.For(d, filter).And("city IS NOT NULL AND city <> ''");
        var citySql = $"""
            SELECT cc, MAX({d.Ordinal("country")}), city, COUNT(*) AS n,
                   AVG(lat), AVG(lon), AVG(CASE WHEN lon < 0 THEN lon + 360 ELSE lon END), MIN(lon), MAX(lon)
            FROM (SELECT COALESCE(NULLIF(country_code, ''), '{UsageFilter.UnknownCountryCode}') AS cc, country, city,
                         CASE WHEN {Located} THEN latitude END AS lat,
                         CASE WHEN {Located} THEN longitude END AS lon
                  FROM {Table} {f.Where}) s
            GROUP BY cc, city
            ORDER BY n DESC, {d.Ordinal("cc")}, {d.Ordinal("city")}
            LIMIT {cityCount}
            """;
        var citiesTask = cityCount == 0
            ? Task.FromResult(new List<CityRow>())
            : _sql.QueryAsync(citySql, f.Parameters,
                r => new CityRow(r.String(0)!, r.String(1), r.String(2)!, r.Long(3),
                    r.NullableDouble(4), r.NullableDouble(5), r.NullableDouble(6), r.NullableDouble(7), r.NullableDouble(8)),
                cancellationToken);

        var countries = await countriesTask.ConfigureAwait(false);
        var total = countries.Sum(c => c.Requests);
        var cities = (await citiesTask.ConfigureAwait(false))
            .Select(c => new CityCount(
                c.Code, c.Code == UsageFilter.UnknownCountryCode ? Unknown : c.Country ?? c.Code, c.City,
                c.Latitude, c.Longitude, c.Requests, Share(c.Requests, total)))
            .ToList();
        return new GeographyStatistics(countries, cities);
    }

    /// <summary>One city's aggregates as the database returns them.</summary>
    private readonly record struct CityRow(
        string Code, string? Country, string City, long Requests,
        double? MeanLatitude, double? MeanLongitude, double? MeanLongitude360, double? MinLongitude, double? MaxLongitude)
    {
        public double? Latitude => MeanLatitude;

        /// <summary>
        /// The plain mean, unless the records lie more than half the globe apart in longitude, which for
        /// one city means they straddle the antimeridian: then the mean on the 0-360 scale, brought back.
        /// </summary>
        public double? Longitude =>
            MaxLongitude - MinLongitude > 180 && MeanLongitude360 is { } shifted
                ? (shifted > 180 ? shifted - 360 : shifted)
                : MeanLongitude;
    }
}
