using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Buffering;
using UsageDashboard.Tracker.Selection;

namespace UsageDashboard.Tracker.Capture;

/// <summary>
/// Records tracked requests. Untracked requests go straight to the next middleware; tracked ones get a
/// byte-counting body and, on completion, one record handed to the queue without blocking or I/O.
/// Exceptions from the application are recorded as status 500 and propagate unchanged.
/// </summary>
internal sealed partial class UsageTrackingMiddleware
{
    private const string XForwardedFor = "X-Forwarded-For";

    private readonly RequestDelegate _next;
    private readonly TimeProvider _time;
    private readonly TrackingPolicy _policy;
    private readonly UsageQueue _queue;
    private readonly UsageTrackingMetrics _metrics;
    private readonly ILogger<UsageTrackingMiddleware> _logger;

    // What every request reads of the options, refreshed when they change: reading the options monitor costs a
    // dictionary lookup per read, on every request.
    private volatile CaptureSettings _settings;

    public UsageTrackingMiddleware(
        RequestDelegate next,
        IOptionsMonitor<UsageTrackingOptions> options,
        TimeProvider time,
        TrackingPolicy policy,
        UsageQueue queue,
        UsageTrackingMetrics metrics,
        ILogger<UsageTrackingMiddleware> logger)
    {
        _next = next;
        _time = time;
        _policy = policy;
        _queue = queue;
        _metrics = metrics;
        _logger = logger;
        _settings = new CaptureSettings(options.CurrentValue);
        options.OnChange(changed => _settings = new CaptureSettings(changed));
    }

    public Task InvokeAsync(HttpContext context)
    {
        // A counter already in place means this request is being tracked and the pipeline is being
        // re-executed (exception handler, status code pages): it is recorded once.
        if (!_settings.Enabled || context.Features.Get<IHttpResponseBodyFeature>() is ResponseBodyCounter)
        {
            return _next(context);
        }

        // Without an endpoint yet (a 404, or routing placed after this middleware) the decision is
        // taken when the request completes, when the endpoint is known.
        EndpointTrackingInfo? info = null;
        var endpoint = context.GetEndpoint();
        if (endpoint is not null)
        {
            info = _policy.Get(endpoint);
            if (!info.IsTracked)
            {
                return _next(context);
            }
        }

        return TrackAsync(context, info);
    }

    private async Task TrackAsync(HttpContext context, EndpointTrackingInfo? info)
    {
        var started = Stopwatch.GetTimestamp();
        var date = _time.GetUtcNow().UtcDateTime;
        // The counter stays in place after this middleware returns (it only forwards) so that it
        // marks the request as tracked for a re-executed pipeline; the server resets it per request.
        var counter = new ResponseBodyCounter(context.Features.Get<IHttpResponseBodyFeature>()!);
        context.Features.Set<IHttpResponseBodyFeature>(counter);
        var failed = true;
        try
        {
            await _next(context).ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            Capture(context, info, counter.BytesWritten, started, date, failed);
        }
    }

    private void Capture(HttpContext context, EndpointTrackingInfo? info, long bytes, long started, DateTime date, bool failed)
    {
        try
        {
            if (info is null)
            {
                var endpoint = context.GetEndpoint();
                if (endpoint is null ? !_policy.TrackUnmatched : !(info = _policy.Get(endpoint)).IsTracked)
                {
                    return;
                }
            }

            var speed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            _queue.TryEnqueue(CreateRecord(context, info, bytes, speed, date, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode));
        }
        catch (Exception ex)
        {
            // Tracking must never change the host's response.
            _metrics.CaptureFailed();
            LogCaptureFailed(_logger, ex);
        }
    }

    private CapturedRequest CreateRecord(HttpContext context, EndpointTrackingInfo? info, long bytes, double speed, DateTime date, int status)
    {
        var request = context.Request;
        var headers = request.Headers;
        var peer = context.Connection.RemoteIpAddress;
        var line = RequestLine.Of(request);
        var authorization = headers.Authorization.ToString();
        var record = new UsageRecord
        {
            Date = new DateTime(date.Ticks - (date.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
            Path = TextLimit.Truncate(string.IsNullOrEmpty(line.Path) ? "/" : line.Path, UsageRecordLimits.Path)!,
            Blueprint = info?.Group,
            ViewArgs = info is null ? null : JsonArgs.FromRouteValues(request.RouteValues, info.ViewArgNames),
            Status = status,
            RemoteAddr = peer?.ToString(),
            XForwardedFor = NullIfEmpty(TextLimit.Truncate(headers[XForwardedFor].ToString(), UsageRecordLimits.ForwardedFor)),
            Authorization = authorization.Length > 0,
            UserName = UserNameOf(context, authorization),
            UserAgent = NullIfEmpty(TextLimit.Truncate(headers.UserAgent.ToString(), UsageRecordLimits.UserAgent)),
            Speed = speed,
            ContentLength = bytes,
            ServerName = _settings.ServerName,
            Method = TextLimit.Truncate(line.Method, UsageRecordLimits.Method)!,
            Route = info?.Route,
            EndpointName = info?.DisplayName,
            TrackVar = context.Features.Get<TrackVarFeature>() is { } vars ? JsonArgs.FromTrackVars(vars.Values) : null,
        };

        return new CapturedRequest(record)
        {
            PeerAddress = peer,
            AcceptLanguage = NullIfEmpty(TextLimit.Truncate(headers.AcceptLanguage.ToString(), UsageRecordLimits.Json)),
            DoNotTrack = headers["DNT"] == "1" || headers["Sec-GPC"] == "1",
            Line = line,
        };
    }

    private static string? UserNameOf(HttpContext context, string authorization)
    {
        // Through the feature: HttpContext.User would allocate an empty principal for anonymous requests.
        var identity = context.Features.Get<IHttpAuthenticationFeature>()?.User?.Identity;
        if (identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return TextLimit.Truncate(name, UsageRecordLimits.UserName);
        }

        return BasicAuthentication.GetUserName(authorization);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The options a request reads, with the application name already cut to its column.</summary>
    private sealed class CaptureSettings(UsageTrackingOptions options)
    {
        public bool Enabled { get; } = options.Enabled;

        public string? ServerName { get; } = TextLimit.Truncate(options.ApplicationName, UsageRecordLimits.ServerName);
    }

    [LoggerMessage(1, LogLevel.Error, "Capturing a request for usage tracking failed; the request was not recorded.")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception);
}
