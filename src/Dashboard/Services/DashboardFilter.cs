using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using UsageDashboard.Data.Statistics;

namespace UsageDashboard.Dashboard.Services;

/// <summary>
/// The global filter bar's state. It lives in the URL query string so every view is a shareable link;
/// <see cref="Parse"/> and <see cref="ToQuery"/> round-trip it, and unknown values fall back to defaults
/// instead of failing (links get edited by hand).
/// </summary>
internal sealed record DashboardFilter
{
    public const string RangeKey = "range";
    public const string FromKey = "from";
    public const string ToKey = "to";
    public const string ApplicationKey = "app";
    public const string GroupKey = "group";
    public const string BotsKey = "bots";
    public const string TimeZoneKey = "tz";
    public const string CountryKey = "country";

    /// <summary>The keys this record owns; page-specific keys (search, page, ...) are left alone.</summary>
    public static readonly IReadOnlyList<string> Keys = [RangeKey, FromKey, ToKey, ApplicationKey, GroupKey, CountryKey, BotsKey, TimeZoneKey];

    public static DashboardFilter Default { get; } = new();

    public RangePreset Range { get; init; } = RangePreset.Last24Hours;

    /// <summary>First day of a custom range, in the display time zone.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (inclusive) of a custom range, in the display time zone.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Application (server name); null for all.</summary>
    public string? Application { get; init; }

    /// <summary>Route group; null for all.</summary>
    public string? RouteGroup { get; init; }

    /// <summary>ISO country code (upper case; "ZZ" for unknown) set by clicking the map; null for all.</summary>
    public string? Country { get; init; }

    public BotMode Bots { get; init; } = BotMode.Humans;

    /// <summary>IANA display time zone; null means the browser's.</summary>
    public string? TimeZone { get; init; }

    public static DashboardFilter Parse(string uri)
    {
        var query = QueryOf(uri);
        var filter = new DashboardFilter
        {
            Range = Get(query, RangeKey) switch
            {
                "1h" => RangePreset.LastHour,
                "7d" => RangePreset.Last7Days,
                "30d" => RangePreset.Last30Days,
                "custom" => RangePreset.Custom,
                _ => RangePreset.Last24Hours,
            },
            From = ParseDate(Get(query, FromKey)),
            To = ParseDate(Get(query, ToKey)),
            Application = Get(query, ApplicationKey),
            RouteGroup = Get(query, GroupKey),
            Country = Get(query, CountryKey)?.ToUpperInvariant(),
            Bots = Get(query, BotsKey) switch
            {
                "all" => BotMode.All,
                "bots" => BotMode.Bots,
                _ => BotMode.Humans,
            },
            TimeZone = Get(query, TimeZoneKey),
        };

        // A custom range needs both ends in order; anything else is treated as the default range.
        if (filter.Range == RangePreset.Custom && (filter.From is null || filter.To is null || filter.From > filter.To))
        {
            filter = filter with { Range = RangePreset.Last24Hours };
        }

        if (filter.Range != RangePreset.Custom)
        {
            filter = filter with { From = null, To = null };
        }

        return filter;
    }

    /// <summary>The non-default values as query pairs, in a stable order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        if (Range != RangePreset.Last24Hours)
        {
            yield return new(RangeKey, RangeCode(Range));
        }

        if (Range == RangePreset.Custom && From is { } from && To is { } to)
        {
            yield return new(FromKey, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            yield return new(ToKey, to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(Application))
        {
            yield return new(ApplicationKey, Application);
        }

        if (!string.IsNullOrEmpty(RouteGroup))
        {
            yield return new(GroupKey, RouteGroup);
        }

        if (!string.IsNullOrEmpty(Country))
        {
            yield return new(CountryKey, Country);
        }

        if (Bots != BotMode.Humans)
        {
            yield return new(BotsKey, Bots == BotMode.All ? "all" : "bots");
        }

        if (!string.IsNullOrEmpty(TimeZone))
        {
            yield return new(TimeZoneKey, TimeZone);
        }
    }

    /// <summary>The query string (with leading '?', or empty) of this filter.</summary>
    public string ToQueryString() => QueryString.Create(ToQuery().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).ToUriComponent();

    /// <summary>The UTC interval [start, end) this filter covers at <paramref name="nowUtc"/>.</summary>
    public (DateTime Start, DateTime End) Resolve(DateTime nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        switch (Range)
        {
            case RangePreset.LastHour:
                return (nowUtc.AddHours(-1), nowUtc);
            case RangePreset.Last7Days:
                return (nowUtc.AddDays(-7), nowUtc);
            case RangePreset.Last30Days:
                return (nowUtc.AddDays(-30), nowUtc);
            case RangePreset.Custom when From is { } from && To is { } to:
                var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
                var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
                return (start, end);
            default:
                return (nowUtc.AddHours(-24), nowUtc);
        }
    }

    /// <summary>The statistics filter of this state at <paramref name="nowUtc"/>.</summary>
    public UsageFilter ToUsageFilter(DateTime nowUtc, TimeZoneInfo zone)
    {
        var (start, end) = Resolve(nowUtc, zone);
        return new UsageFilter
        {
            Start = start,
            End = end,
            Application = Application,
            Group = RouteGroup,
            CountryCode = Country,
            Bots = Bots switch
            {
                BotMode.All => BotFilter.All,
                BotMode.Bots => BotFilter.Bots,
                _ => BotFilter.Humans,
            },
        };
    }

    /// <summary>A short human label of the range ("Last 7 days", "1 Mar – 5 Mar 2026").</summary>
    public string RangeLabel => Range switch
    {
        RangePreset.LastHour => "Last hour",
        RangePreset.Last24Hours => "Last 24 hours",
        RangePreset.Last7Days => "Last 7 days",
        RangePreset.Last30Days => "Last 30 days",
        _ => $"{From:d MMM} – {To:d MMM yyyy}",
    };

    /// <summary>The "vs previous ..." wording of a change badge.</summary>
    public string PreviousLabel => Range switch
    {
        RangePreset.LastHour => "vs previous hour",
        RangePreset.Last24Hours => "vs previous 24 hours",
        RangePreset.Last7Days => "vs previous 7 days",
        RangePreset.Last30Days => "vs previous 30 days",
        _ => "vs previous period",
    };

    public static string RangeCode(RangePreset range) => range switch
    {
        RangePreset.LastHour => "1h",
        RangePreset.Last7Days => "7d",
        RangePreset.Last30Days => "30d",
        RangePreset.Custom => "custom",
        _ => "24h",
    };

    internal static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryOf(string uri)
    {
        var index = uri.IndexOf('?', StringComparison.Ordinal);
        if (index < 0)
        {
            return [];
        }

        var query = uri[index..];
        var hash = query.IndexOf('#', StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(hash >= 0 ? query[..hash] : query);
    }

    private static string? Get(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
