using UsageDashboard.Data.Rules;

namespace UsageDashboard.Dashboard.Api;

/// <summary>Body of a rule change: <c>{"tracking":"track"|"exclude"|"default"}</c>.</summary>
internal sealed record RuleChangeRequest(string? Tracking);

/// <summary>Body of an application mode change: <c>{"mode":"include"|"exclude"|"default"}</c>.</summary>
internal sealed record ModeChangeRequest(string? Mode);

/// <summary>Answer of <c>GET /api/rules</c>.</summary>
internal sealed record RulesResponse(IReadOnlyList<ApplicationRulesDto> Applications);

internal sealed record ApplicationRulesDto(
    string Name, string ConfiguredMode, string? ModeOverride, string EffectiveMode, DateTime LastSeen, IReadOnlyList<GroupRulesDto> Groups);

internal sealed record GroupRulesDto(string Application, string? Group, string Tracking, IReadOnlyList<EndpointRulesDto> Endpoints);

internal sealed record EndpointRulesDto(
    string Id, string Application, string? Group, string Route, string Methods, string? DisplayName, string Code, string Tracking,
    bool Tracked, string Source, DateTime LastSeen, bool Stale);

internal sealed record AuditEntryDto(
    DateTime At, string User, string Application, string Scope, string Target, string TargetDisplay, string OldValue, string NewValue);

/// <summary>Maps the rules model to the wire shapes and parses wire values.</summary>
internal static class RulesApiMapping
{
    public static bool TryParseSetting(string? text, out TrackingSetting setting)
    {
        setting = text switch
        {
            "track" => TrackingSetting.Track,
            "exclude" => TrackingSetting.Exclude,
            "default" => TrackingSetting.Default,
            _ => (TrackingSetting)(-1),
        };
        return Enum.IsDefined(setting);
    }

    public static bool TryParseMode(string? text, out TrackingMode? mode)
    {
        mode = null;
        switch (text)
        {
            case "include":
                mode = TrackingMode.Include;
                return true;
            case "exclude":
                mode = TrackingMode.Exclude;
                return true;
            case "default":
                return true;
            default:
                return false;
        }
    }

    public static string Text(TrackingSetting setting) => TrackingRulesStore.SettingText(setting);

    public static string Text(TrackingMode mode) => mode == TrackingMode.Include ? "include" : "exclude";

    public static string Text(TrackingSource source) => source switch
    {
        TrackingSource.EndpointOverride => "endpoint-override",
        TrackingSource.GroupOverride => "group-override",
        TrackingSource.Code => "code",
        _ => "application-mode",
    };

    public static string Text(RuleScope scope) => scope switch
    {
        RuleScope.Group => "group",
        RuleScope.Endpoint => "endpoint",
        _ => "application",
    };

    public static ApplicationRulesDto ToDto(ApplicationRules app) => new(
        app.Name, Text(app.ConfiguredMode), app.ModeOverride is { } m ? Text(m) : null, Text(app.EffectiveMode), app.LastSeen,
        app.Groups.Select(ToDto).ToList());

    public static GroupRulesDto ToDto(GroupRules group) =>
        new(group.Application, group.Name, Text(group.Override), group.Endpoints.Select(ToDto).ToList());

    public static EndpointRulesDto ToDto(EndpointRules e) => new(
        e.Id, e.Application, e.Group, e.RoutePattern, e.HttpMethods, e.DisplayName, Text(e.CodeSetting), Text(e.Override),
        e.Effective.Tracked, Text(e.Effective.Source), e.LastSeen, e.Stale);

    public static AuditEntryDto ToDto(RuleAuditEntry a) =>
        new(a.At, a.User, a.Application, Text(a.Scope), a.Target, a.TargetDisplay, a.OldValue, a.NewValue);
}
