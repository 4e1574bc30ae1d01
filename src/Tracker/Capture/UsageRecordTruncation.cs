namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// Cuts every text field of a record to its column limit before it reaches a store. The middleware
/// already cuts what it captures; this also covers what enrichment steps filled in.
/// </summary>
internal static class UsageRecordTruncation
{
    public static void Apply(UsageRecord r)
    {
        r.Url = TextLimit.Truncate(r.Url, UsageRecordLimits.Url) ?? "";
        r.Path = TextLimit.Truncate(r.Path, UsageRecordLimits.Path) ?? "";
        r.Blueprint = TextLimit.Truncate(r.Blueprint, UsageRecordLimits.Blueprint);
        r.RemoteAddr = TextLimit.Truncate(r.RemoteAddr, UsageRecordLimits.Address);
        r.XForwardedFor = TextLimit.Truncate(r.XForwardedFor, UsageRecordLimits.ForwardedFor);
        r.UserName = TextLimit.Truncate(r.UserName, UsageRecordLimits.UserName);
        r.UserAgent = TextLimit.Truncate(r.UserAgent, UsageRecordLimits.UserAgent);
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
        r.Request = TextLimit.Truncate(r.Request, UsageRecordLimits.Request);
        r.ServerName = TextLimit.Truncate(r.ServerName, UsageRecordLimits.ServerName);
        r.Method = TextLimit.Truncate(r.Method, UsageRecordLimits.Method) ?? "";
        r.Route = TextLimit.Truncate(r.Route, UsageRecordLimits.Route);
        r.EndpointName = TextLimit.Truncate(r.EndpointName, UsageRecordLimits.EndpointName);

        // JSON columns are built within their limit; cutting them here would break the JSON, so a value
        // over the limit (set by an enrichment step) is dropped rather than stored broken.
        r.ViewArgs = r.ViewArgs is { Length: > UsageRecordLimits.Json } ? null : r.ViewArgs;
        r.UrlArgs = r.UrlArgs is { Length: > UsageRecordLimits.Json } ? null : r.UrlArgs;
        r.TrackVar = r.TrackVar is { Length: > UsageRecordLimits.Json } ? null : r.TrackVar;
        r.IpInfo = r.IpInfo is { Length: > UsageRecordLimits.IpInfo } ? null : r.IpInfo;
    }
}
