using System.Globalization;
using System.Net;
using MaxMind.Db;

namespace UsageDashboard.Tracker.Enrichment.Geo;

/// <summary>
/// Looks addresses up in a local MaxMind-format database: the shipped ip-location-db country file
/// (<c>country_code</c> only) or any GeoLite2/GeoIP2 Country or City file (nested <c>country</c>,
/// <c>subdivisions</c>, <c>city</c>, <c>location</c>), and ip-location-db city files (flat
/// <c>state1</c>, <c>city</c>, <c>latitude</c>, <c>longitude</c>).
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Reader"/> is safe for concurrent lookups over a memory-mapped file. Decoded
/// answers are cached per address, since one visitor sends many requests.
/// </remarks>
internal sealed class OfflineGeoLocator : IDisposable
{
    public const string DefaultDatabaseFileName = "geo-whois-asn-country.mmdb";

    private readonly Reader _reader;
    private readonly LruCache<IPAddress, GeoLocation?> _cache;

    public OfflineGeoLocator(string databasePath, int cacheSize = 50_000)
    {
        _reader = new Reader(databasePath, FileAccessMode.MemoryMapped);
        _cache = new LruCache<IPAddress, GeoLocation?>(cacheSize);
        DatabasePath = databasePath;
    }

    /// <summary>The shipped country database: copied beside the application by the Tracker project.</summary>
    public static string DefaultDatabasePath => Path.Combine(AppContext.BaseDirectory, "GeoData", DefaultDatabaseFileName);

    public string DatabasePath { get; }

    /// <summary>The database type from its metadata, e.g. <c>GeoLite2-City</c>.</summary>
    public string DatabaseType => _reader.Metadata.DatabaseType;

    /// <summary>The location of a public address; null for private, loopback and unknown addresses.</summary>
    public GeoLocation? Lookup(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (!IpAddressClassifier.IsPublic(address))
        {
            return null;
        }
        return _cache.GetOrAdd(address, Find);
    }

    /// <summary>Uncached lookup (the benchmark measures both).</summary>
    public GeoLocation? Find(IPAddress address)
    {
        var data = _reader.Find<Dictionary<string, object>>(address);
        return data is null ? null : Map(data);
    }

    private static GeoLocation? Map(Dictionary<string, object> data)
    {
        string? code = null, region = null, city = null, country = null;
        double? latitude = null, longitude = null;

        if (data.TryGetValue("country_code", out var flatCode))
        {
            code = flatCode as string;
        }
        if (data.TryGetValue("country", out var countryValue) && countryValue is Dictionary<string, object> countryMap)
        {
            code ??= countryMap.GetValueOrDefault("iso_code") as string;
            country = EnglishName(countryMap);
        }
        if (data.TryGetValue("subdivisions", out var subdivisions) && subdivisions is List<object> { Count: > 0 } list
            && list[0] is Dictionary<string, object> firstSubdivision)
        {
            region = EnglishName(firstSubdivision);
        }
        region ??= data.GetValueOrDefault("state1") as string;
        city = data.GetValueOrDefault("city") switch
        {
            string flat => flat,
            Dictionary<string, object> map => EnglishName(map),
            _ => null,
        };
        if (data.TryGetValue("location", out var locationValue) && locationValue is Dictionary<string, object> location)
        {
            latitude = Number(location.GetValueOrDefault("latitude"));
            longitude = Number(location.GetValueOrDefault("longitude"));
        }
        latitude ??= Number(data.GetValueOrDefault("latitude"));
        longitude ??= Number(data.GetValueOrDefault("longitude"));

        code = string.IsNullOrEmpty(code) ? null : code.ToUpperInvariant();
        country ??= CountryNames.Find(code);
        if (code is null && country is null && city is null && latitude is null)
        {
            return null;
        }
        return new GeoLocation(code, country, NullIfEmpty(region), NullIfEmpty(city), latitude, longitude);
    }

    private static string? EnglishName(Dictionary<string, object> map) =>
        map.GetValueOrDefault("names") is Dictionary<string, object> names ? names.GetValueOrDefault("en") as string : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static double? Number(object? value) => value switch
    {
        null => null,
        double d => d,
        float f => f,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        IConvertible c when c is not string => c.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    public void Dispose() => _reader.Dispose();
}
