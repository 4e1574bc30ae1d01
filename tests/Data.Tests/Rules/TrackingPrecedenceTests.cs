using UsageDashboard.Data.Rules;

namespace UsageDashboard.Data.Tests.Rules;

public sealed class TrackingPrecedenceTests
{
    // endpoint override, group override, code, application mode => effective state, deciding level.
    // "-" = default (no decision at that level), T = track, X = exclude. Every combination is listed.
    private static readonly string[] Table =
    [
        "- - - Exclude => tracked  ApplicationMode",
        "- - - Include => excluded ApplicationMode",
        "- - T Exclude => tracked  Code",
        "- - T Include => tracked  Code",
        "- - X Exclude => excluded Code",
        "- - X Include => excluded Code",
        "- T - Exclude => tracked  GroupOverride",
        "- T - Include => tracked  GroupOverride",
        "- T T Exclude => tracked  GroupOverride",
        "- T T Include => tracked  GroupOverride",
        "- T X Exclude => tracked  GroupOverride",
        "- T X Include => tracked  GroupOverride",
        "- X - Exclude => excluded GroupOverride",
        "- X - Include => excluded GroupOverride",
        "- X T Exclude => excluded GroupOverride",
        "- X T Include => excluded GroupOverride",
        "- X X Exclude => excluded GroupOverride",
        "- X X Include => excluded GroupOverride",
        "T - - Exclude => tracked  EndpointOverride",
        "T - - Include => tracked  EndpointOverride",
        "T - T Exclude => tracked  EndpointOverride",
        "T - T Include => tracked  EndpointOverride",
        "T - X Exclude => tracked  EndpointOverride",
        "T - X Include => tracked  EndpointOverride",
        "T T - Exclude => tracked  EndpointOverride",
        "T T - Include => tracked  EndpointOverride",
        "T T T Exclude => tracked  EndpointOverride",
        "T T T Include => tracked  EndpointOverride",
        "T T X Exclude => tracked  EndpointOverride",
        "T T X Include => tracked  EndpointOverride",
        "T X - Exclude => tracked  EndpointOverride",
        "T X - Include => tracked  EndpointOverride",
        "T X T Exclude => tracked  EndpointOverride",
        "T X T Include => tracked  EndpointOverride",
        "T X X Exclude => tracked  EndpointOverride",
        "T X X Include => tracked  EndpointOverride",
        "X - - Exclude => excluded EndpointOverride",
        "X - - Include => excluded EndpointOverride",
        "X - T Exclude => excluded EndpointOverride",
        "X - T Include => excluded EndpointOverride",
        "X - X Exclude => excluded EndpointOverride",
        "X - X Include => excluded EndpointOverride",
        "X T - Exclude => excluded EndpointOverride",
        "X T - Include => excluded EndpointOverride",
        "X T T Exclude => excluded EndpointOverride",
        "X T T Include => excluded EndpointOverride",
        "X T X Exclude => excluded EndpointOverride",
        "X T X Include => excluded EndpointOverride",
        "X X - Exclude => excluded EndpointOverride",
        "X X - Include => excluded EndpointOverride",
        "X X T Exclude => excluded EndpointOverride",
        "X X T Include => excluded EndpointOverride",
        "X X X Exclude => excluded EndpointOverride",
        "X X X Include => excluded EndpointOverride",
    ];

    public static TheoryData<string> Rows() => new(Table);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Resolves_every_combination_by_precedence(string row)
    {
        var (endpoint, group, code, mode, tracked, source) = Parse(row);

        var result = TrackingPrecedence.Resolve(endpoint, group, code, mode);

        Assert.Equal(tracked, result.Tracked);
        Assert.Equal(source, result.Source);
    }

    [Fact]
    public void Table_covers_all_54_combinations_once()
    {
        var keys = Table.Select(r => r.Split("=>")[0].Trim()).ToList();
        Assert.Equal(54, keys.Distinct().Count());
        Assert.Equal(54, keys.Count);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Snapshot_decides_like_the_table(string row)
    {
        var (endpoint, group, code, mode, tracked, source) = Parse(row);
        var groups = new Dictionary<string, TrackingSetting>();
        var endpoints = new Dictionary<string, TrackingSetting>();
        if (group != TrackingSetting.Default)
        {
            groups["shop"] = group;
        }

        if (endpoint != TrackingSetting.Default)
        {
            endpoints["abc"] = endpoint;
        }

        // The mode comes in as configured; the snapshot has no override here.
        var snapshot = new RulesSnapshot(1, null, groups, endpoints);

        var result = snapshot.Decide("abc", "shop", code, mode);

        Assert.Equal(new EffectiveTracking(tracked, source), result);
    }

    [Theory]
    [InlineData(TrackingMode.Include, TrackingMode.Exclude, true)]
    [InlineData(TrackingMode.Exclude, TrackingMode.Include, false)]
    public void Mode_override_replaces_the_configured_mode(TrackingMode configured, TrackingMode overridden, bool tracked)
    {
        var snapshot = new RulesSnapshot(1, overridden, new Dictionary<string, TrackingSetting>(), new Dictionary<string, TrackingSetting>());

        var result = snapshot.Decide("abc", "shop", TrackingSetting.Default, configured);

        Assert.Equal(new EffectiveTracking(tracked, TrackingSource.ApplicationMode), result);
    }

    [Fact]
    public void Overrides_of_other_groups_and_endpoints_do_not_apply()
    {
        var snapshot = new RulesSnapshot(1, null,
            new Dictionary<string, TrackingSetting> { ["admin"] = TrackingSetting.Exclude },
            new Dictionary<string, TrackingSetting> { ["other"] = TrackingSetting.Exclude });

        Assert.True(snapshot.Decide("abc", "shop", TrackingSetting.Default, TrackingMode.Exclude).Tracked);
        Assert.True(snapshot.Decide(null, null, TrackingSetting.Default, TrackingMode.Exclude).Tracked);
        Assert.False(snapshot.Decide(null, "admin", TrackingSetting.Track, TrackingMode.Exclude).Tracked);
    }

    private static (TrackingSetting Endpoint, TrackingSetting Group, TrackingSetting Code, TrackingMode Mode, bool Tracked, TrackingSource Source)
        Parse(string row)
    {
        var parts = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (Setting(parts[0]), Setting(parts[1]), Setting(parts[2]), Enum.Parse<TrackingMode>(parts[3]),
            parts[5] == "tracked", Enum.Parse<TrackingSource>(parts[6]));
    }

    private static TrackingSetting Setting(string s) => s switch
    {
        "T" => TrackingSetting.Track,
        "X" => TrackingSetting.Exclude,
        "-" => TrackingSetting.Default,
        _ => throw new ArgumentException(s),
    };
}
