namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// Cuts the fields that enrichment fills to their column limits before a record reaches a store.
/// </summary>
/// <remarks>
/// The middleware cuts every text it captures, and the endpoint's group, route and name are cut once per endpoint, so
/// those fields are not looked at again: by the time a batch is written, each request's own strings have left the
/// processor's caches, and reading their lengths once more cost a cache miss apiece.
/// </remarks>
internal static class UsageRecordTruncation
{
    public static void Apply(UsageRecord r)
    {
        r.RemoteAddr = TextLimit.Truncate(r.RemoteAddr, UsageRecordLimits.Address);
        // Privacy reduction may lengthen the addresses it rewrites (hashed).
        r.XForwardedFor = TextLimit.Truncate(r.XForwardedFor, UsageRecordLimits.ForwardedFor);
        r.Browser = TextLimit.Truncate(r.Browser, UsageRecordLimits.Short);
        r.BrowserVersion = TextLimit.Truncate(r.BrowserVersion, UsageRecordLimits.Short);
        r.Platform = TextLimit.Truncate(r.Platform, UsageRecordLimits.Short);
        r.OsVersion = TextLimit.Truncate(r.OsVersion, UsageRecordLimits.Short);
        r.Device = TextLimit.Truncate(r.Device, UsageRecordLimits.Short);
        r.Language = TextLimit.Truncate(r.Language, UsageRecordLimits.Short);
        r.CountryCode = TextLimit.Truncate(r.CountryCode, UsageRecordLimits.Short);
        r.Country = TextLimit.Truncate(r.Country, UsageRecordLimits.Short);
        r.Region = TextLimit.Truncate(r.Region, UsageRecordLimits.Short);
        r.City = TextLimit.Truncate(r.City, UsageRecordLimits.Short);
        r.VisitorId = TextLimit.Truncate(r.VisitorId, UsageRecordLimits.VisitorId);

        // JSON columns are built within their limit; cutting them here would break the JSON, so a value
        // over the limit (set by an enrichment step) is dropped rather than stored broken.
        r.UrlArgs = r.UrlArgs is { Length: > UsageRecordLimits.Json } ? null : r.UrlArgs;
        r.IpInfo = r.IpInfo is { Length: > UsageRecordLimits.IpInfo } ? null : r.IpInfo;
    }
}
