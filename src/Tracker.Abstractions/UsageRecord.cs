namespace UsageDashboard.Tracker;

/// <summary>
/// One tracked request: the fields of Flask-Track-Usage's data dict plus what this product adds.
/// Captured by the middleware, completed by enrichment in the background writer, then stored.
/// </summary>
/// <remarks>
/// A mutable class rather than a record: the writer fills enrichment fields in place on the
/// background thread, and the hot path allocates exactly one object per request.
/// Text fields are cut to <see cref="UsageRecordLimits"/> before they reach a store.
/// </remarks>
public sealed class UsageRecord
{
    /// <summary>Database identity; 0 until stored.</summary>
    public long Id { get; set; }

    /// <summary>When the request started, UTC, millisecond precision (<c>date</c>).</summary>
    public DateTime Date { get; set; }

    /// <summary>The full request URL (<c>url</c>).</summary>
    public string Url { get; set; } = "";

    /// <summary>The request path (<c>path</c>).</summary>
    public string Path { get; set; } = "";

    /// <summary>The route group name, Flask's blueprint (<c>blueprint</c>); null when none.</summary>
    public string? Blueprint { get; set; }

    /// <summary>Route values as a JSON object (<c>view_args</c>); null when none.</summary>
    public string? ViewArgs { get; set; }

    /// <summary>Query string arguments as a JSON object (<c>url_args</c>); null when none.</summary>
    public string? UrlArgs { get; set; }

    /// <summary>The HTTP status code sent (<c>status</c>).</summary>
    public int Status { get; set; }

    /// <summary>The client address (<c>remote_addr</c>), after trusted-proxy resolution and privacy reduction.</summary>
    public string? RemoteAddr { get; set; }

    /// <summary>The raw X-Forwarded-For header (<c>xforwardedfor</c>).</summary>
    public string? XForwardedFor { get; set; }

    /// <summary>Whether an Authorization header was sent (<c>authorization</c>).</summary>
    public bool Authorization { get; set; }

    /// <summary>The authenticated user, else the basic-auth user name (<c>username</c>).</summary>
    public string? UserName { get; set; }

    /// <summary>The raw User-Agent header; parsed into the fields below by the writer.</summary>
    public string? UserAgent { get; set; }

    /// <summary>Browser family (<c>user_agent.browser</c>).</summary>
    public string? Browser { get; set; }

    /// <summary>Browser version (<c>user_agent.version</c>).</summary>
    public string? BrowserVersion { get; set; }

    /// <summary>Operating system family (<c>user_agent.platform</c>).</summary>
    public string? Platform { get; set; }

    /// <summary>Operating system version (<c>os_version</c>).</summary>
    public string? OsVersion { get; set; }

    /// <summary>Device family (<c>device</c>).</summary>
    public string? Device { get; set; }

    /// <summary>The preferred language from Accept-Language, e.g. <c>en-US</c> (<c>user_agent.language</c>).</summary>
    public string? Language { get; set; }

    /// <summary>Whether the client is a crawler (<c>is_bot</c>).</summary>
    public bool IsBot { get; set; }

    /// <summary>Geo lookup answer as JSON (<c>ip_info</c>), cut to 1024 characters at a field boundary.</summary>
    public string? IpInfo { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code (<c>country_code</c>).</summary>
    public string? CountryCode { get; set; }

    /// <summary>Country name (<c>country</c>).</summary>
    public string? Country { get; set; }

    /// <summary>Region or subdivision (<c>region</c>).</summary>
    public string? Region { get; set; }

    /// <summary>City (<c>city</c>).</summary>
    public string? City { get; set; }

    /// <summary>Latitude (<c>latitude</c>).</summary>
    public double? Latitude { get; set; }

    /// <summary>Longitude (<c>longitude</c>).</summary>
    public double? Longitude { get; set; }

    /// <summary>Cookie-less daily visitor id (<c>visitor_id</c>).</summary>
    public string? VisitorId { get; set; }

    /// <summary>Seconds from middleware entry to response completion (<c>speed</c>).</summary>
    public double Speed { get; set; }

    /// <summary>Response bytes actually written (<c>content_length</c>).</summary>
    public long ContentLength { get; set; }

    /// <summary>The request line, e.g. <c>GET /shop HTTP/1.1</c> (<c>request</c>).</summary>
    public string? Request { get; set; }

    /// <summary>The application that served the request (<c>server_name</c>).</summary>
    public string? ServerName { get; set; }

    /// <summary>The HTTP method (<c>method</c>).</summary>
    public string Method { get; set; } = "";

    /// <summary>The route template, e.g. <c>/shop/products/{id}</c> (<c>route</c>); null when no endpoint matched.</summary>
    public string? Route { get; set; }

    /// <summary>The endpoint display name (<c>endpoint</c>).</summary>
    public string? EndpointName { get; set; }

    /// <summary>Custom per-request values as a JSON object (<c>track_var</c>), Flask's <c>g.track_var</c>.</summary>
    public string? TrackVar { get; set; }
}
