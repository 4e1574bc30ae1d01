using System.Globalization;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// The status codes, geography and audience pages from rollups. Each mirrors the raw-row query of
/// <see cref="UsageStatistics"/> exactly (the same "Unknown" naming, ordering of ties, shares and limits),
/// so switching between the two never changes a number on screen.
/// </summary>
internal sealed partial class RollupUsageStatistics
{
    /// <summary>URLs listed per status code, as the raw statistics list.</summary>
    private const int TopUrlsPerStatus = 5;

    /// <summary>The largest city list the raw statistics accept.</summary>
    private const int MaxCityCount = 10_000;

    public async Task<StatusCodeStatistics> GetStatusCodesAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = PageFilter(filter);
        var sizeMs = (long)TimeBuckets.Choose(filter.Duration).TotalMilliseconds;
        var (startMs, endMs) = Ms(filter);
        var first = RollupBuckets.FloorBy(startMs, sizeMs) / sizeMs;
        var last = RollupBuckets.FloorBy(endMs - 1, sizeMs) / sizeMs;
        // Series finer than a base bucket need raw rows; too many buckets is the raw statistics' error to raise.
        if (!Eligible(filter) || sizeMs % RollupBuckets.BaseMs != 0 || last - first + 1 > UsageStatistics.MaxBuckets)
        {
            return await raw.GetStatusCodesAsync(filter, cancellationToken).ConfigureAwait(false);
        }

        var seriesRange = RollupRange.Split(startMs, endMs, useDays: sizeMs % RollupBuckets.DayMs == 0);
        var seriesTask = CountsAsync(RollupDimension.Status, filter, seriesRange, sizeMs, cancellationToken);
        // One read of (route, status) gives both the per-code counts and each code's top URLs.
        var routeStatus = await CountsAsync(RollupDimension.RouteStatus, filter, RollupRange.Split(startMs, endMs, useDays: true), 0, cancellationToken)
            .ConfigureAwait(false);

        var byStatus = routeStatus
            .Select(r => (Pair: SplitLast(r.Key), r.Hits))
            .Select(r => (Status: StatusOf(r.Pair.Second), Url: r.Pair.First, r.Hits))
            .GroupBy(r => r.Status)
            .Select(g => (Status: g.Key, Count: g.Sum(r => r.Hits), Urls: g))
            .ToList();
        var total = byStatus.Sum(s => s.Count);
        var codes = byStatus
            .OrderByDescending(s => s.Count).ThenBy(s => s.Status)
            .Select(s => new StatusCodeRow(s.Status, s.Count, Share(s.Count, total),
                s.Urls.GroupBy(u => u.Url, StringComparer.Ordinal)
                    .Select(u => (Url: u.Key, Count: u.Sum(x => x.Hits)))
                    .OrderByDescending(u => u.Count).ThenBy(u => u.Url, CodePointComparer.Instance)
                    .Take(TopUrlsPerStatus)
                    .Select(u => new NamedCount(u.Url, u.Count, Share(u.Count, s.Count)))
                    .ToList()))
            .ToList();

        var counts = new long[last - first + 1, 6];
        foreach (var row in await seriesTask.ConfigureAwait(false))
        {
            if (row.Time >= first && row.Time <= last)
            {
                counts[row.Time - first, SeriesClass(StatusOf(row.Key))] += row.Hits;
            }
        }

        var series = new List<StatusClassPoint>(counts.GetLength(0));
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            series.Add(new StatusClassPoint(RollupBuckets.FromUnixMs((first + i) * sizeMs),
                counts[i, 1], counts[i, 2], counts[i, 3], counts[i, 4], counts[i, 5], counts[i, 0]));
        }

        return new StatusCodeStatistics(TimeSpan.FromMilliseconds(sizeMs), series, codes);
    }

    public async Task<GeographyStatistics> GetGeographyAsync(UsageFilter filter, int cityCount = 100, CancellationToken cancellationToken = default)
    {
        filter = PageFilter(filter);
        if (cityCount is < 0 or > MaxCityCount)
        {
            throw new ArgumentOutOfRangeException(nameof(cityCount), cityCount, $"Must be between 0 and {MaxCityCount}.");
        }

        if (!Eligible(filter))
        {
            return await raw.GetGeographyAsync(filter, cityCount, cancellationToken).ConfigureAwait(false);
        }

        var (startMs, endMs) = Ms(filter);
        var range = RollupRange.Split(startMs, endMs, useDays: true);
        var countriesTask = CountsAsync(RollupDimension.Country, filter, range, 0, cancellationToken);
        var citiesTask = cityCount == 0 ? Task.FromResult(new List<CitySums>()) : CitySumsAsync(filter, range, cancellationToken);

        // As the raw query: an empty code is "Unknown" (ZZ), and counts under the same code as a stored ZZ.
        // Names: the Country and City rollups keep the code only, so a country is named by CountryName (the English
        // CLDR name, which the enricher also writes); the raw page shows the stored country column instead, which
        // reads the same unless a geo database spelled the name otherwise or left it out.
        var countries = (await countriesTask.ConfigureAwait(false))
            .GroupBy(r => CountryCode(r.Key), StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Hits: g.Sum(r => r.Hits)))
            .ToList();
        var total = countries.Sum(c => c.Hits);
        var countryRows = countries
            .OrderByDescending(c => c.Hits).ThenBy(c => c.Code, CodePointComparer.Instance)
            .Select(c => new CountryCount(c.Code, CountryName(c.Code), c.Hits, Share(c.Hits, total)))
            .ToList();

        var cities = (await citiesTask.ConfigureAwait(false))
            .Select(r => (Pair: SplitFirst(r.Key), Sums: r))
            .Where(r => r.Pair.Second.Length > 0)
            .GroupBy(r => (Code: CountryCode(r.Pair.First), City: r.Pair.Second))
            .Select(g => (g.Key.Code, g.Key.City, Sums: g.Select(r => r.Sums).Aggregate(CitySums.Add)))
            .OrderByDescending(c => c.Sums.Hits).ThenBy(c => c.Code, CodePointComparer.Instance).ThenBy(c => c.City, CodePointComparer.Instance)
            .Take(cityCount)
            .Select(c => new CityCount(c.Code, CountryName(c.Code), c.City, c.Sums.Latitude, c.Sums.Longitude, c.Sums.Hits, Share(c.Sums.Hits, total)))
            .ToList();
        return new GeographyStatistics(countryRows, cities);
    }

    public async Task<AudienceStatistics> GetAudienceAsync(UsageFilter filter, CancellationToken cancellationToken = default)
    {
        filter = PageFilter(filter);
        if (!Eligible(filter))
        {
            return await raw.GetAudienceAsync(filter, cancellationToken).ConfigureAwait(false);
        }

        var (startMs, endMs) = Ms(filter);
        var range = RollupRange.Split(startMs, endMs, useDays: true);
        // The raw page splits humans and bots under the filter as given: with Bots = Humans the bot count is 0.
        var botsTask = BotSplitAsync(filter, range, cancellationToken);
        var browsersTask = CountsAsync(RollupDimension.BrowserRelease, filter, range, 0, cancellationToken);
        var platformsTask = CountsAsync(RollupDimension.PlatformRelease, filter, range, 0, cancellationToken);
        var devicesTask = CountsAsync(RollupDimension.Device, filter, range, 0, cancellationToken);
        var languagesTask = CountsAsync(RollupDimension.Language, filter, range, 0, cancellationToken);
        var nullsLast = await IsPostgresAsync(cancellationToken).ConfigureAwait(false);

        var (humans, bots) = await botsTask.ConfigureAwait(false);
        return new AudienceStatistics(
            Versioned(await browsersTask.ConfigureAwait(false)),
            Versioned(await platformsTask.ConfigureAwait(false)),
            Named(await devicesTask.ConfigureAwait(false), nullsLast),
            Named(await languagesTask.ConfigureAwait(false), nullsLast),
            humans,
            bots);
    }

    /// <summary>
    /// Families with their versions, as the raw page shapes its (family, version) GROUP BY: empty family or
    /// version is "Unknown" (merged with a stored "Unknown"), at most <see cref="UsageStatistics.MaxVersions"/> versions.
    /// </summary>
    private static List<VersionedCount> Versioned(List<CountRow> rows)
    {
        var pairs = rows.Select(r => (Pair: SplitFirst(r.Key), r.Hits))
            .Select(r => (Family: NameOrUnknown(r.Pair.First), Version: NameOrUnknown(r.Pair.Second), r.Hits))
            .ToList();
        var total = pairs.Sum(r => r.Hits);
        return pairs.GroupBy(r => r.Family, StringComparer.Ordinal)
            .Select(g =>
            {
                var count = g.Sum(r => r.Hits);
                var versions = g.GroupBy(r => r.Version, StringComparer.Ordinal)
                    .Select(v => new NamedCount(v.Key, v.Sum(r => r.Hits), Share(v.Sum(r => r.Hits), total)))
                    .OrderByDescending(v => v.Requests).ThenBy(v => v.Name, StringComparer.Ordinal)
                    .Take(UsageStatistics.MaxVersions)
                    .ToList();
                return new VersionedCount(g.Key, count, Share(count, total), versions);
            })
            .OrderByDescending(v => v.Requests).ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Requests per value, as the raw page's <c>GROUP BY NULLIF(x, '') ORDER BY n DESC, x</c>: the empty value
    /// stays its own row even beside a stored "Unknown", and among equal counts it sorts where the database puts
    /// NULL (first on SQLite, last on PostgreSQL).
    /// </summary>
    private static List<NamedCount> Named(List<CountRow> rows, bool nullsLast)
    {
        var total = rows.Sum(r => r.Hits);
        return rows
            .OrderByDescending(r => r.Hits)
            .ThenBy(r => r.Key.Length == 0 ? (nullsLast ? 1 : -1) : 0)
            .ThenBy(r => r.Key, CodePointComparer.Instance)
            .Select(r => new NamedCount(NameOrUnknown(r.Key), r.Hits, Share(r.Hits, total)))
            .ToList();
    }

    /// <summary>Requests of humans and of bots under the filter, from the Total rows split by their bot flag.</summary>
    private async Task<(long Humans, long Bots)> BotSplitAsync(UsageFilter filter, RollupRange range, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var parts = new List<string>();
        foreach (var (period, from, to) in range.BucketsOf(RollupDimension.Total, 0))
        {
            parts.Add($"SELECT bot AS bt, hits AS h FROM {RollupSql.Counts} WHERE period = {(short)period} AND kind = {(short)RollupDimension.Total} "
                + $"AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}{q.RollupFilter(filter)}");
        }

        foreach (var (from, to) in range.Raw)
        {
            parts.Add($"SELECT {RollupSql.RawBot} AS bt, 1 AS h FROM {RollupSql.Raw} "
                + $"WHERE date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)}{q.RawFilter(filter)}");
        }

        long humans = 0, bots = 0;
        var text = $"SELECT bt, SUM(h) FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY bt";
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            if (L(r[0]) == 1)
            {
                bots += L(r[1]);
            }
            else
            {
                humans += L(r[1]);
            }
        }

        return (humans, bots);
    }

    /// <summary>Requests and coordinate sums per City key (<c>country TAB city</c>) over rollups and raw edges.</summary>
    private async Task<List<CitySums>> CitySumsAsync(UsageFilter filter, RollupRange range, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sql = RollupProvider.Sql(context);
        var q = new Query(sql);
        var parts = new List<string>();
        foreach (var (period, from, to) in range.Buckets)
        {
            parts.Add("SELECT dim_key AS k, hits AS h, located AS n, lat_sum AS la, lon_sum AS lo, west AS w, abs_lon_sum AS al "
                + $"FROM {RollupSql.Counts} WHERE period = {(short)period} AND kind = {(short)RollupDimension.City} "
                + $"AND bucket_start >= {q.Add(from)} AND bucket_start < {q.Add(to)}{q.RollupFilter(filter)}");
        }

        foreach (var (from, to) in range.Raw)
        {
            // The same sums the writer keeps (RollupBatch), for records that have a city.
            var located = RollupSql.Located;
            parts.Add($"SELECT {sql.RawKey(RollupDimension.City)} AS k, 1 AS h, CASE WHEN {located} THEN 1 ELSE 0 END AS n, "
                + $"CASE WHEN {located} THEN latitude ELSE 0 END AS la, CASE WHEN {located} THEN longitude ELSE 0 END AS lo, "
                + $"CASE WHEN {located} AND longitude < 0 THEN 1 ELSE 0 END AS w, CASE WHEN {located} THEN abs(longitude) ELSE 0 END AS al "
                + $"FROM {RollupSql.Raw} WHERE date >= {q.AddRawDate(from)} AND date < {q.AddRawDate(to)} "
                + $"AND city IS NOT NULL AND city <> ''{q.RawFilter(filter)}");
        }

        var text = $"SELECT k, SUM(h), SUM(n), SUM(la), SUM(lo), SUM(w), SUM(al) FROM ({string.Join(" UNION ALL ", parts)}) s GROUP BY k";
        var rows = new List<CitySums>();
        await foreach (var r in q.ReadAsync(context, text, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CitySums(Convert.ToString(r[0], CultureInfo.InvariantCulture) ?? "", L(r[1]), L(r[2]), D(r[3]), D(r[4]), L(r[5]), D(r[6])));
        }

        return rows;
    }

    /// <summary>
    /// Whether the database is PostgreSQL, which also tells where NULL sorts (after every value ascending; SQLite
    /// puts it first). Asked once: the provider of a context factory never changes.
    /// </summary>
    private async Task<bool> IsPostgresAsync(CancellationToken cancellationToken)
    {
        if (_isPostgres is { } known)
        {
            return known;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return (_isPostgres = RollupProvider.IsPostgres(context)).Value;
    }

    /// <summary>
    /// <see cref="Normalize"/>, and an empty application or group read as none, as the raw filter does
    /// (rollups store a missing application or group as the empty string, so <c>app = ''</c> would select only those).
    /// </summary>
    private static UsageFilter PageFilter(UsageFilter filter)
    {
        filter = Normalize(filter);
        return filter with
        {
            Application = string.IsNullOrEmpty(filter.Application) ? null : filter.Application,
            Group = string.IsNullOrEmpty(filter.Group) ? null : filter.Group,
        };
    }

    private static double D(object value) => value is DBNull ? 0 : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static double Share(long part, long total) => total == 0 ? 0 : (double)part / total;

    private static string NameOrUnknown(string? value) => string.IsNullOrEmpty(value) ? Unknown : value;

    private static string CountryCode(string key) => key.Length == 0 ? UsageFilter.UnknownCountryCode : key;

    // Keys hold the status as written by RollupBatch; anything unreadable counts as 0, outside every class.
    private static int StatusOf(string key) =>
        int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var status) ? status : 0;

    /// <summary>The class column of the stacked series; 0 for codes outside 100-599, as the raw query.</summary>
    private static int SeriesClass(int status) => status is >= 100 and < 600 ? status / 100 : 0;

    /// <summary>Splits <c>first TAB second</c> at the first tab: the first part (family, country code) never holds one.</summary>
    private static (string First, string Second) SplitFirst(string key)
    {
        var tab = key.IndexOf('\t', StringComparison.Ordinal);
        return tab < 0 ? (key, "") : (key[..tab], key[(tab + 1)..]);
    }

    /// <summary>Splits <c>route TAB status</c> at the last tab: the status never holds one, a path might.</summary>
    private static (string First, string Second) SplitLast(string key)
    {
        var tab = key.LastIndexOf('\t');
        return tab < 0 ? (key, "") : (key[..tab], key[(tab + 1)..]);
    }

    /// <summary>One city's sums; the coordinates are the means of its located records.</summary>
    private readonly record struct CitySums(string Key, long Hits, long Located, double LatitudeSum, double LongitudeSum, long West, double AbsLongitudeSum)
    {
        public double? Latitude => Located == 0 ? null : LatitudeSum / Located;

        /// <summary>
        /// The plain mean, unless the records average more than 90 degrees from the prime meridian and lie on
        /// both sides of it, which for one city means they straddle the antimeridian: then the mean on the 0-360
        /// scale, brought back to -180..180. The raw query asks instead whether the records span more than 180
        /// degrees (MAX - MIN, which sums cannot give); the two rules agree whenever a city's records fit in a
        /// 90-degree arc of longitude: around the prime meridian both keep the plain mean, around the antimeridian
        /// both take the 0-360 mean. They differ only for records scattered over a quarter of the globe or more.
        /// </summary>
        public double? Longitude
        {
            get
            {
                if (Located == 0)
                {
                    return null;
                }

                if (AbsLongitudeSum / Located > 90 && West > 0 && West < Located)
                {
                    var shifted = (LongitudeSum + 360.0 * West) / Located;
                    return shifted > 180 ? shifted - 360 : shifted;
                }

                return LongitudeSum / Located;
            }
        }

        public static CitySums Add(CitySums a, CitySums b) => new(a.Key, a.Hits + b.Hits, a.Located + b.Located,
            a.LatitudeSum + b.LatitudeSum, a.LongitudeSum + b.LongitudeSum, a.West + b.West, a.AbsLongitudeSum + b.AbsLongitudeSum);
    }

    /// <summary>
    /// Orders strings by Unicode code point, which is the byte order of their UTF-8 form: SQLite's BINARY and
    /// PostgreSQL's "C" collation, the ties order of the raw queries. UTF-16 ordinal order differs only between
    /// surrogate pairs and U+E000-U+FFFF, which this puts after them as UTF-8 does.
    /// </summary>
    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var n = Math.Min(x.Length, y.Length);
            for (var i = 0; i < n; i++)
            {
                int a = x[i], b = y[i];
                if (a == b)
                {
                    continue;
                }

                if (a >= 0xD800 && b >= 0xD800)
                {
                    a = Fix(a);
                    b = Fix(b);
                }

                return a.CompareTo(b);
            }

            return x.Length.CompareTo(y.Length);
        }

        // Surrogates (D800-DFFF) move above E000-FFFF: the code points they encode are above FFFF.
        private static int Fix(int c) => c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
