namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// Cuts the fields that enrichment fills to their column limits before a record reaches a store.
/// </summary>
/// <remarks>
/// The middleware cuts every text it captures, and the endpoint's group, route and name are cut once per endpoint, so
/// those fields are not looked at again: by the time a batch is written, each request's own strings have left the
/// processor's caches, and reading their lengths once more cost a cache miss apiece. A field is written only when it is
/// cut (most never are), which also spares the record a reference store per field.
/// </remarks>
internal static class UsageRecordTruncation
{
    public static void Apply(UsageRecord r)
    {
        if (IsLonger(r.RemoteAddr, UsageRecordLimits.Address))
        {
            r.RemoteAddr = TextLimit.Truncate(r.RemoteAddr, UsageRecordLimits.Address);
        }
        if (IsLonger(r.XForwardedFor, UsageRecordLimits.ForwardedFor))
        {
            // Privacy reduction may lengthen the addresses it rewrites (hashed).
            r.XForwardedFor = TextLimit.Truncate(r.XForwardedFor, UsageRecordLimits.ForwardedFor);
        }
        if (IsLonger(r.Browser, UsageRecordLimits.Short))
        {
            r.Browser = TextLimit.Truncate(r.Browser, UsageRecordLimits.Short);
        }
        if (IsLonger(r.BrowserVersion, UsageRecordLimits.Short))
        {
            r.BrowserVersion = TextLimit.Truncate(r.BrowserVersion, UsageRecordLimits.Short);
        }
        if (IsLonger(r.Platform, UsageRecordLimits.Short))
        {
            r.Platform = TextLimit.Truncate(r.Platform, UsageRecordLimits.Short);
        }
        if (IsLonger(r.OsVersion, UsageRecordLimits.Short))
        {
            r.OsVersion = TextLimit.Truncate(r.OsVersion, UsageRecordLimits.Short);
        }
        if (IsLonger(r.Device, UsageRecordLimits.Short))
        {
            r.Device = TextLimit.Truncate(r.Device, UsageRecordLimits.Short);
        }
        if (IsLonger(r.Language, UsageRecordLimits.Short))
        {
            r.Language = TextLimit.Truncate(r.Language, UsageRecordLimits.Short);
        }
        if (IsLonger(r.CountryCode, UsageRecordLimits.Short))
        {
            r.CountryCode = TextLimit.Truncate(r.CountryCode, UsageRecordLimits.Short);
        }
        if (IsLonger(r.Country, UsageRecordLimits.Short))
        {
            r.Country = TextLimit.Truncate(r.Country, UsageRecordLimits.Short);
        }
        if (IsLonger(r.Region, UsageRecordLimits.Short))
        {
            r.Region = TextLimit.Truncate(r.Region, UsageRecordLimits.Short);
        }
        if (IsLonger(r.City, UsageRecordLimits.Short))
        {
            r.City = TextLimit.Truncate(r.City, UsageRecordLimits.Short);
        }
        if (IsLonger(r.VisitorId, UsageRecordLimits.VisitorId))
        {
            r.VisitorId = TextLimit.Truncate(r.VisitorId, UsageRecordLimits.VisitorId);
        }

        // JSON columns are built within their limit; cutting them here would break the JSON, so a value
        // over the limit (set by an enrichment step) is dropped rather than stored broken.
        if (IsLonger(r.UrlArgs, UsageRecordLimits.Json))
        {
            r.UrlArgs = null;
        }
        if (IsLonger(r.IpInfo, UsageRecordLimits.IpInfo))
        {
            r.IpInfo = null;
        }
    }

    private static bool IsLonger(string? value, int maxLength) => value is not null && value.Length > maxLength;
}
