using System.Collections.Frozen;

namespace UsageDashboard.Data.Rules;

/// <summary>
/// The overrides of one application at one <see cref="Version"/>, immutable, so trackers can swap a
/// new snapshot in atomically and decide each request with two dictionary lookups and no I/O.
/// </summary>
public sealed class RulesSnapshot
{
    /// <summary>A snapshot with no overrides, in force until the first load succeeds.</summary>
    public static RulesSnapshot Empty { get; } = new(-1, null,
        FrozenDictionary<string, TrackingSetting>.Empty, FrozenDictionary<string, TrackingSetting>.Empty);

    /// <summary>Creates a snapshot.</summary>
    /// <param name="version">The change counter value the snapshot was read at.</param>
    /// <param name="modeOverride">The admin's mode override, if any.</param>
    /// <param name="groups">Group overrides by group name.</param>
    /// <param name="endpoints">Endpoint overrides by endpoint id.</param>
    public RulesSnapshot(long version, TrackingMode? modeOverride,
        IReadOnlyDictionary<string, TrackingSetting> groups, IReadOnlyDictionary<string, TrackingSetting> endpoints)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(endpoints);
        Version = version;
        ModeOverride = modeOverride;
        Groups = groups.ToFrozenDictionary(StringComparer.Ordinal);
        Endpoints = endpoints.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The change counter value the snapshot was read at; -1 for <see cref="Empty"/>.</summary>
    public long Version { get; }

    /// <summary>The admin's mode override; null when the configured mode is in force.</summary>
    public TrackingMode? ModeOverride { get; }

    /// <summary>Group overrides by group name.</summary>
    public FrozenDictionary<string, TrackingSetting> Groups { get; }

    /// <summary>Endpoint overrides by endpoint id.</summary>
    public FrozenDictionary<string, TrackingSetting> Endpoints { get; }

    /// <summary>Decides one endpoint with <see cref="TrackingPrecedence"/>.</summary>
    /// <param name="endpointId">The endpoint id; null for a request that matched no endpoint.</param>
    /// <param name="group">The endpoint's route group; null when none.</param>
    /// <param name="code">The decision declared in code.</param>
    /// <param name="configuredMode">The mode configured in the host app.</param>
    /// <returns>The effective state.</returns>
    public EffectiveTracking Decide(string? endpointId, string? group, TrackingSetting code, TrackingMode configuredMode)
    {
        var endpoint = endpointId is not null && Endpoints.TryGetValue(endpointId, out var e) ? e : TrackingSetting.Default;
        var grp = group is not null && Groups.TryGetValue(group, out var g) ? g : TrackingSetting.Default;
        return TrackingPrecedence.Resolve(endpoint, grp, code, ModeOverride ?? configuredMode);
    }
}
