using System.Globalization;
using System.Text;
using System.Text.Json;
using UsageDashboard.Tracker.Enrichment.Geo;

namespace UsageDashboard.Tracker.Enrichment.FreeGeoIp;

/// <summary>
/// Turns a lookup answer into the stored <c>ip_info</c> text and geo fields. Like the original, the
/// JSON is cut to 1 024 characters at a field boundary, so what is stored is still valid JSON.
/// </summary>
internal static class IpInfo
{
    /// <summary>The stored JSON, or null when the answer is not a JSON object.</summary>
    public static string? Serialize(JsonElement answer, int maxLength = UsageRecordLimits.IpInfo)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var builder = new StringBuilder("{");
        foreach (var property in answer.EnumerateObject())
        {
            var field = JsonSerializer.Serialize(property.Name) + ":" + property.Value.GetRawText();
            var separator = builder.Length > 1 ? 1 : 0;
            if (builder.Length + separator + field.Length + 1 > maxLength)
            {
                // Stop at the last whole field, as the original does.
                break;
            }
            if (separator == 1)
            {
                builder.Append(',');
            }
            builder.Append(field);
        }
        return builder.Append('}').ToString();
    }

    /// <summary>Maps the common field names of freegeoip-style services (ip-api, extreme-ip-lookup, freegeoip, ipapi).</summary>
    public static GeoLocation? Map(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var code = Text(answer, "countryCode", "country_code");
        var country = Text(answer, "country_name", "countryName", "country");
        if (country is { Length: 2 } && country.All(char.IsAsciiLetterUpper))
        {
            // Some services put the code in "country".
            code ??= country;
            country = null;
        }
        if (code is not null && (code.Length != 2 || !code.All(char.IsAsciiLetter)))
        {
            code = null;
        }
        code = code?.ToUpperInvariant();
        country ??= CountryNames.Find(code);
        var region = Text(answer, "regionName", "region_name", "region");
        var city = Text(answer, "city");
        var latitude = Number(answer, "lat", "latitude");
        var longitude = Number(answer, "lon", "lng", "longitude");
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            latitude = longitude = null;
        }
        if (code is null && country is null && region is null && city is null && latitude is null)
        {
            return null;
        }
        return new GeoLocation(code, Cut(country), Cut(region), Cut(city), latitude, longitude);
    }

    private static string? Text(JsonElement answer, params string[] names)
    {
        foreach (var name in names)
        {
            if (answer.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }
        }
        return null;
    }

    private static double? Number(JsonElement answer, params string[] names)
    {
        foreach (var name in names)
        {
            if (!answer.TryGetProperty(name, out var value))
            {
                continue;
            }
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
            {
                return number;
            }
            if (value.ValueKind == JsonValueKind.String
                && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }
        return null;
    }

    private static string? Cut(string? value) =>
        value is { Length: > UsageRecordLimits.Short } ? value[..UsageRecordLimits.Short] : value;
}
