using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
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
internal sealed partial class UsageTrackingMiddleware(
    RequestDelegate next,
    IOptionsMonitor<UsageTrackingOptions> options,
    TimeProvider time,
    TrackingPolicy policy,
    UsageQueue queue,
    UsageTrackingMetrics metrics,
    ILogger<UsageTrackingMiddleware> logger)
{
    private const string XForwardedFor = "X-Forwarded-For";

    public Task InvokeAsync(HttpContext context)
    {
        if (!options.CurrentValue.Enabled || context.Features.Get<ResponseBodyCounter>() is not null)
        {
            return next(context);
        }

        // Without an endpoint yet (a 404, or routing placed after this middleware) the decision is
        // taken when the request completes, when the endpoint is known.
        EndpointTrackingInfo? info = null;
        var endpoint = context.GetEndpoint();
        if (endpoint is not null)
        {
            info = policy.Get(endpoint);
            if (!info.IsTracked)
            {
                return next(context);
            }
        }

        return TrackAsync(context, info);
    }

    private async Task TrackAsync(HttpContext context, EndpointTrackingInfo? info)
    {
        var started = Stopwatch.GetTimestamp();
        var date = time.GetUtcNow().UtcDateTime;
        var body = context.Features.Get<IHttpResponseBodyFeature>()!;
        var counter = new ResponseBodyCounter(body);
        context.Features.Set<IHttpResponseBodyFeature>(counter);
        context.Features.Set(counter);
        var failed = true;
        try
        {
            await next(context).ConfigureAwait(false);
            failed = false;
        }
        finally
        {
            context.Features.Set(body);
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
                if (endpoint is null ? !policy.TrackUnmatched : !(info = policy.Get(endpoint)).IsTracked)
                {
                    return;
                }
            }

            var speed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            queue.TryEnqueue(CreateRecord(context, info, bytes, speed, date, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode));
        }
        catch (Exception ex)
        {
            // Tracking must never change the host's response.
            metrics.CaptureFailed();
            LogCaptureFailed(logger, ex);
        }
    }

    private CapturedRequest CreateRecord(HttpContext context, EndpointTrackingInfo? info, long bytes, double speed, DateTime date, int status)
    {
        var request = context.Request;
        var headers = request.Headers;
        var peer = context.Connection.RemoteIpAddress;
        var url = TextLimit.Truncate(UriHelper.GetEncodedUrl(request), UsageRecordLimits.Url)!;
        var method = request.Method;
        var authorization = headers.Authorization.ToString();
        var record = new UsageRecord
        {
            Date = new DateTime(date.Ticks - (date.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
            Url = url,
            Path = TextLimit.Truncate(request.Path.HasValue ? request.Path.Value : "/", UsageRecordLimits.Path)!,
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
            Request = TextLimit.Truncate(string.Concat(method, " ", url, " ", request.Protocol), UsageRecordLimits.Request),
            ServerName = TextLimit.Truncate(options.CurrentValue.ApplicationName, UsageRecordLimits.ServerName),
            Method = TextLimit.Truncate(method, UsageRecordLimits.Method)!,
            Route = info?.Route,
            EndpointName = info?.DisplayName,
            TrackVar = context.Features.Get<TrackVarFeature>() is { } vars ? JsonArgs.FromTrackVars(vars.Values) : null,
        };

        return new CapturedRequest(record)
        {
            PeerAddress = peer,
            AcceptLanguage = NullIfEmpty(TextLimit.Truncate(headers.AcceptLanguage.ToString(), UsageRecordLimits.Json)),
            DoNotTrack = headers["DNT"] == "1" || headers["Sec-GPC"] == "1",
            RawQuery = request.QueryString.Value,
        };
    }

    private static string? UserNameOf(HttpContext context, string authorization)
    {
        var identity = context.User.Identity;
        if (identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return TextLimit.Truncate(name, UsageRecordLimits.UserName);
        }

        return BasicAuthentication.GetUserName(authorization);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(1, LogLevel.Error, "Capturing a request for usage tracking failed; the request was not recorded.")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception);
}
