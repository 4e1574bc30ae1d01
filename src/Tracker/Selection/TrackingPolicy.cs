using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using UsageDashboard.Data.Rules;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker.Capture;
using UsageDashboard.Tracker.Rules;

namespace UsageDashboard.Tracker.Selection;

/// <summary>
/// Decides which endpoints are tracked. The decision is computed once per endpoint from its metadata
/// and the options, then cached, so the per-request cost is one dictionary lookup.
/// </summary>
/// <remarks>
/// Precedence (<see cref="TrackingPrecedence"/>): an admin's endpoint override &gt; group override &gt;
/// the code decision (exclusion in code &gt; inclusion in code) &gt; the application's mode (an admin's
/// override, else the configured one). Overrides come from <see cref="RuntimeTrackingRules"/>; when the
/// poller swaps them in it calls <see cref="Invalidate"/>.
/// </remarks>
internal sealed class TrackingPolicy : IDisposable
{
    private readonly ConcurrentDictionary<Endpoint, EndpointTrackingInfo> _cache = new();
    private readonly Func<Endpoint, EndpointTrackingInfo> _describe;
    private readonly IDisposable? _subscription;
    private readonly RuntimeTrackingRules? _rules;
    private volatile Settings _settings;

    public TrackingPolicy(IOptionsMonitor<UsageTrackingOptions> options, RuntimeTrackingRules? rules = null)
    {
        _rules = rules;
        _settings = new Settings(options.CurrentValue, CurrentRules);
        _describe = Describe;
        _subscription = options.OnChange(o =>
        {
            _settings = new Settings(o, CurrentRules);
            _cache.Clear();
        });
    }

    /// <summary>Whether a request that matched no endpoint (a 404) is tracked: in Exclude mode only.</summary>
    public bool TrackUnmatched => _settings.TrackUnmatched;

    private RulesSnapshot CurrentRules => _rules?.Current ?? RulesSnapshot.Empty;

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
    /// <remarks>
    /// New settings are swapped in rather than only clearing the cache: an entry described under the old
    /// rules by a request racing this call is then recomputed on its next use instead of surviving.
    /// </remarks>
    public void Invalidate()
    {
        _settings = _settings.WithRules(CurrentRules);
        _cache.Clear();
    }

    /// <summary>The code decision in the rules' terms.</summary>
    internal static TrackingSetting ToSetting(TrackingDecision code) => code switch
    {
        TrackingDecision.Track => TrackingSetting.Track,
        TrackingDecision.Exclude => TrackingSetting.Exclude,
        _ => TrackingSetting.Default,
    };

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
        // The route as it is recorded and registered in the catalog, whose endpoint id is computed from the same text.
        var route = pattern is null ? null : TextLimit.Truncate(FormatRoute(pattern), UsageRecordLimits.Route);
        var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var identity = new EndpointIdentity(settings.Application, route, methods is { Count: > 0 } ? JoinMethods(methods) : null);
        // As the database stores it: the catalog holds the name so, and an admin's rule for the group comes back so.
        var group = UsageText.Clean(GroupOf(metadata), UsageRecordLimits.Blueprint);
        return new EndpointTrackingInfo
        {
            Identity = identity,
            Group = group,
            Route = route,
            DisplayName = TextLimit.Truncate(endpoint.DisplayName, UsageRecordLimits.EndpointName),
            CodeDecision = code,
            IsTracked = settings.Decide(identity, group, code),
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

    private sealed class Settings
    {
        private readonly TrackingMode _configuredMode;

        public Settings(UsageTrackingOptions options, RulesSnapshot rules)
            : this(options.Mode, options.ApplicationName ?? "", rules)
        {
        }

        private Settings(UsageTrackingMode mode, string application, RulesSnapshot rules)
        {
            Mode = mode;
            Application = application;
            Rules = rules;
            _configuredMode = mode == UsageTrackingMode.Include ? TrackingMode.Include : TrackingMode.Exclude;
            TrackUnmatched = (rules.ModeOverride ?? _configuredMode) == TrackingMode.Exclude;
        }

        public UsageTrackingMode Mode { get; }

        public string Application { get; }

        public RulesSnapshot Rules { get; }

        public bool TrackUnmatched { get; }

        public Settings WithRules(RulesSnapshot rules) => new(Mode, Application, rules);

        public bool Decide(EndpointIdentity identity, string? group, TrackingDecision code)
        {
            // Endpoints without a route pattern have no catalog id: only group overrides reach them.
            var id = identity.RoutePattern is null
                ? null
                : Data.Rules.EndpointIdentity.Compute(Application, identity.Methods ?? Data.Rules.EndpointIdentity.AnyMethod, identity.RoutePattern);
            return Rules.Decide(id, group, ToSetting(code), _configuredMode).Tracked;
        }
    }
}
