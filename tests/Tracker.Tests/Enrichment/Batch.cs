using System.Net;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Tests.Enrichment;

/// <summary>Builds captured requests as the middleware hands them over.</summary>
internal static class Batch
{
    public static CapturedRequest Request(
        string? peer = "203.0.113.7",
        string? userAgent = null,
        string? forwardedFor = null,
        string? acceptLanguage = null,
        bool doNotTrack = false,
        DateTime? date = null,
        string application = "HostApp")
    {
        var record = new UsageRecord
        {
            Date = date ?? new DateTime(2026, 3, 14, 12, 0, 0, DateTimeKind.Utc),
            Url = "http://localhost/",
            Path = "/",
            Method = "GET",
            Status = 200,
            RemoteAddr = peer,
            XForwardedFor = forwardedFor,
            UserAgent = userAgent,
            ServerName = application,
        };
        return new CapturedRequest(record)
        {
            PeerAddress = peer is null ? null : IPAddress.Parse(peer),
            AcceptLanguage = acceptLanguage,
            DoNotTrack = doNotTrack,
        };
    }
}
