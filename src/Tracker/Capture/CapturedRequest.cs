using System.Net;

namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// What the middleware hands to the queue: the record with every field that is cheap to copy, plus
/// the raw inputs that enrichment needs later, off the request path (parsing, lookups, hashing).
/// </summary>
internal sealed class CapturedRequest(UsageRecord record)
{
    public UsageRecord Record { get; } = record;

    /// <summary>The TCP peer; the client address is resolved from it and X-Forwarded-For by trusted proxies.</summary>
    public IPAddress? PeerAddress { get; init; }

    /// <summary>The raw Accept-Language header.</summary>
    public string? AcceptLanguage { get; init; }

    /// <summary>The request sent <c>DNT: 1</c> or <c>Sec-GPC: 1</c>.</summary>
    public bool DoNotTrack { get; init; }

    /// <summary>The request's line and host; the writer composes <c>url</c>, <c>request</c> and <c>url_args</c> from it.</summary>
    public RequestLine? Line { get; init; }

    /// <summary>Set by an enricher when the record must not be stored (a bot when bots are not recorded, for instance).</summary>
    public bool Discard { get; set; }
}
