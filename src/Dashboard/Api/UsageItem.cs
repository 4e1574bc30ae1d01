using System.Text.Json;
using System.Text.Json.Serialization;
using UsageDashboard.Tracker;

namespace UsageDashboard.Dashboard.Api;

/// <summary>
/// One record as <c>GET /api/usage</c> returns it: exactly the keys of Flask-Track-Usage's
/// <c>get_usage</c> items, then this product's additions. Every key is always present (null when unknown).
/// </summary>
internal sealed record UsageItem
{
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("user_agent")] public required UsageItemUserAgent UserAgent { get; init; }
    [JsonPropertyName("blueprint")] public string? Blueprint { get; init; }
    [JsonPropertyName("view_args")] public JsonElement? ViewArgs { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("remote_addr")] public string? RemoteAddr { get; init; }
    [JsonPropertyName("xforwardedfor")] public string? XForwardedFor { get; init; }
    [JsonPropertyName("authorization")] public bool Authorization { get; init; }
    [JsonPropertyName("ip_info")] public JsonElement? IpInfo { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("speed")] public double Speed { get; init; }
    [JsonPropertyName("date")] public DateTime Date { get; init; }
    [JsonPropertyName("username")] public string? UserName { get; init; }
    [JsonPropertyName("track_var")] public JsonElement? TrackVar { get; init; }
    [JsonPropertyName("content_length")] public long ContentLength { get; init; }
    [JsonPropertyName("url_args")] public JsonElement? UrlArgs { get; init; }
    [JsonPropertyName("request")] public string? Request { get; init; }
    [JsonPropertyName("server_name")] public string? ServerName { get; init; }
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("route")] public string? Route { get; init; }
    [JsonPropertyName("country_code")] public string? CountryCode { get; init; }
    [JsonPropertyName("country")] public string? Country { get; init; }
    [JsonPropertyName("city")] public string? City { get; init; }
    [JsonPropertyName("latitude")] public double? Latitude { get; init; }
    [JsonPropertyName("longitude")] public double? Longitude { get; init; }
    [JsonPropertyName("os_version")] public string? OsVersion { get; init; }
    [JsonPropertyName("device")] public string? Device { get; init; }
    [JsonPropertyName("is_bot")] public bool IsBot { get; init; }
    [JsonPropertyName("visitor_id")] public string? VisitorId { get; init; }

    public static UsageItem From(UsageRecord r) => new()
    {
        Url = r.Url,
        UserAgent = new UsageItemUserAgent(r.Browser, r.Language, r.Platform, r.BrowserVersion),
        Blueprint = r.Blueprint,
        ViewArgs = Json(r.ViewArgs),
        Status = r.Status,
        RemoteAddr = r.RemoteAddr,
        XForwardedFor = r.XForwardedFor,
        Authorization = r.Authorization,
        IpInfo = Json(r.IpInfo),
        Path = r.Path,
        Speed = r.Speed,
        Date = DateTime.SpecifyKind(r.Date, DateTimeKind.Utc),
        UserName = r.UserName,
        TrackVar = Json(r.TrackVar),
        ContentLength = r.ContentLength,
        UrlArgs = Json(r.UrlArgs),
        Request = r.Request,
        ServerName = r.ServerName,
        Method = r.Method,
        Route = r.Route,
        CountryCode = r.CountryCode,
        Country = r.Country,
        City = r.City,
        Latitude = r.Latitude,
        Longitude = r.Longitude,
        OsVersion = r.OsVersion,
        Device = r.Device,
        IsBot = r.IsBot,
        VisitorId = r.VisitorId,
    };

    /// <summary>
    /// Stored JSON text as a JSON value (an object for view_args, url_args, track_var). Text that is not valid
    /// JSON (a value cut at its length limit, say) is returned as a JSON string rather than dropped.
    /// </summary>
    private static JsonElement? Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
