using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using UsageDashboard.Tracker.Capture;

namespace UsageDashboard.Tracker.Selection;

/// <summary>
/// Decides which endpoints are tracked. The decision is computed once per endpoint from its metadata
/// and the options, then cached, so the per-request cost is one dictionary lookup.
/// </summary>
/// <remarks>
/// Precedence today: exclusion in code &gt; inclusion in code &gt; the application's mode. Runtime
/// overrides per group or endpoint slot in above the code decision in <see cref="Decide"/>, keyed by
/// <see cref="EndpointIdentity"/> and group name; changing them calls <see cref="Invalidate"/>.
/// </remarks>
internal sealed class TrackingPolicy : IDisposable
{
    private readonly ConcurrentDictionary<Endpoint, EndpointTrackingInfo> _cache = new();
    private readonly Func<Endpoint, EndpointTrackingInfo> _describe;
    private readonly IDisposable? _subscription;
    private volatile Settings _settings;

    public TrackingPolicy(IOptionsMonitor<UsageTrackingOptions> options)
    {
        _settings = new Settings(options.CurrentValue);
        _describe = Describe;
        _subscription = options.OnChange(o =>
        {
            _settings = new Settings(o);
            _cache.Clear();
        });
    }

    /// <summary>Whether a request that matched no endpoint (a 404) is tracked: in Exclude mode only.</summary>
    public bool TrackUnmatched => _settings.Mode == UsageTrackingMode.Exclude;

    public EndpointTrackingInfo Get(Endpoint endpoint)
    {
        if (_cache.TryGetValue(endpoint, out var info) && ReferenceEquals(info.Settings, _settings))
        {
            return info;
        }

        info = _describe(endpoint);
        _cache[endpoint] = info;
        return info;
    }

    /// <summary>Forgets every cached decision (after rules changed).</summary>
    public void Invalidate() => _cache.Clear();

    public void Dispose() => _subscription?.Dispose();

    /// <summary>The effective decision for an endpoint from its code decision and the mode.</summary>
    internal static bool Decide(TrackingDecision code, UsageTrackingMode mode) => code switch
    {
        TrackingDecision.Exclude => false,
        TrackingDecision.Track => true,
        _ => mode == UsageTrackingMode.Exclude,
    };

    internal static TrackingDecision CodeDecision(EndpointMetadataCollection metadata)
    {
        // Exclusion is checked first and wins, as RateLimitingMiddleware treats DisableRateLimiting.
        if (metadata.GetMetadata<IExcludeFromUsageTrackingMetadata>() is not null)
        {
            return TrackingDecision.Exclude;
        }

        return metadata.GetMetadata<ITrackUsageMetadata>() is not null ? TrackingDecision.Track : TrackingDecision.Default;
    }

    private EndpointTrackingInfo Describe(Endpoint endpoint)
    {
        var settings = _settings;
        var metadata = endpoint.Metadata;
        var code = CodeDecision(metadata);
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        var route = pattern is null ? null : FormatRoute(pattern);
        var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        return new EndpointTrackingInfo
        {
            Identity = new EndpointIdentity(settings.Application, route, methods is { Count: > 0 } ? JoinMethods(methods) : null),
            Group = TextLimit.Truncate(GroupOf(metadata), UsageRecordLimits.Blueprint),
            Route = TextLimit.Truncate(route, UsageRecordLimits.Route),
            DisplayName = TextLimit.Truncate(endpoint.DisplayName, UsageRecordLimits.EndpointName),
            CodeDecision = code,
            IsTracked = Decide(code, settings.Mode),
            ViewArgNames = pattern is null ? [] : ViewArgNamesOf(pattern),
            Settings = settings,
        };
    }

    private static string? GroupOf(EndpointMetadataCollection metadata)
    {
        // The last group metadata is the most specific: an endpoint's own name overrides its group's.
        var named = metadata.GetMetadata<IUsageGroupMetadata>()?.Name;
        if (named is not null)
        {
            return named;
        }

        // MVC and Razor Pages: the area, else the controller (pages have no controller).
        if (metadata.GetMetadata<ActionDescriptor>() is { } action)
        {
            return ValueOf(action.RouteValues, "area") ?? ValueOf(action.RouteValues, "controller");
        }

        return null;
    }

    private static string? ValueOf(IDictionary<string, string?> routeValues, string key) =>
        routeValues.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    internal static string FormatRoute(RoutePattern pattern)
    {
        var raw = pattern.RawText;
        if (raw is null)
        {
            raw = string.Join('/', pattern.PathSegments.Select(FormatSegment));
        }

        return raw.StartsWith('/') ? raw : "/" + raw;
    }

    private static string FormatSegment(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(static part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        _ => "",
    }));

    private static string[] ViewArgNamesOf(RoutePattern pattern)
    {
        // MVC's controller/action/area/page are route values of the pattern but describe the endpoint,
        // not the request, so they are left out as Flask's view_args leave out the endpoint name.
        var names = new List<string>(pattern.Parameters.Count);
        foreach (var parameter in pattern.Parameters)
        {
            if (!pattern.RequiredValues.ContainsKey(parameter.Name))
            {
                names.Add(parameter.Name);
            }
        }

        return [.. names];
    }

    private static string JoinMethods(IReadOnlyList<string> methods)
    {
        var sorted = methods.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return string.Join(',', sorted);
    }

    private sealed class Settings(UsageTrackingOptions options)
    {
        public UsageTrackingMode Mode { get; } = options.Mode;

        public string Application { get; } = options.ApplicationName ?? "";
    }
}
