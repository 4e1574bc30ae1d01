using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// The parts of a request's line and host, held as the server's own strings. The middleware only keeps these references;
/// the writer composes <c>url</c>, <c>request</c> and <c>url_args</c> from them (<see cref="Compose"/>), off the request path.
/// </summary>
/// <remarks>
/// Composing on the request path cost two strings per request, which then waited in the queue with the record: the
/// server's strings are shared by the requests of a connection (it keeps a repeated target's path and query, and a repeated
/// header's value), so holding them costs nothing, and a batch composes each run of equal lines once. Equality is
/// ordinal on every part (unlike <see cref="PathString"/>'s, which ignores case), so two lines are equal only when their
/// texts are.
/// </remarks>
internal readonly record struct RequestLine(string Method, string Scheme, string? Host, string? PathBase, string? Path, string? Query, string Protocol)
{
    public static RequestLine Of(HttpRequest request) => new(
        request.Method,
        request.Scheme,
        request.Host.Value,
        request.PathBase.Value,
        request.Path.Value,
        request.QueryString.Value,
        request.Protocol);

    /// <summary>The stored texts, each cut to its column: the encoded absolute URL, <c>GET url HTTP/1.1</c> and the query as JSON.</summary>
    public RequestLineText Compose()
    {
        var url = TextLimit.Truncate(EncodedUrl(), UsageRecordLimits.Url)!;
        return new RequestLineText(
            url,
            TextLimit.Truncate(string.Concat(Method, " ", url, " ", Protocol), UsageRecordLimits.Request),
            JsonArgs.FromQuery(Query));
    }

    // What HttpRequest.GetEncodedUrl returns for the same request. The server has validated these parts, so encoding them
    // does not fail; should it ever, the parts joined as they came keep the record rather than lose it with its batch.
    private string EncodedUrl()
    {
        try
        {
            return UriHelper.BuildAbsolute(Scheme, new HostString(Host), new PathString(PathBase), new PathString(Path), new QueryString(Query));
        }
        catch (ArgumentException)
        {
            return string.Concat(Scheme, "://", Host, PathBase, Path, Query);
        }
    }
}
