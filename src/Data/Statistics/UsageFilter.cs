using UsageDashboard.Data.Storage;

namespace UsageDashboard.Data.Statistics;

/// <summary>
/// The filter every statistics query takes: a UTC time range <c>[Start, End)</c> plus optional narrowing.
/// A null (or empty) criterion does not filter. Text criteria match exactly unless named "contains".
/// </summary>
/// <remarks>
/// A plain immutable record so the dashboard can keep it in the URL query string and derive variants with
/// <c>with { ... }</c> (a click on a country becomes <c>filter with { CountryCode = "DE" }</c>).
/// Text criteria are held as the database stores text (<see cref="UsageText"/>: NUL and lone surrogates as U+FFFD), so a
/// criterion taken from a crafted URL matches what was stored from the same text, and PostgreSQL never refuses it.
/// </remarks>
public sealed record UsageFilter
{
    /// <summary>
    /// The country code that stands for "no geo information" (CLDR's unknown region). Aggregates report
    /// requests without a country under this code, and filtering by it selects them.
    /// </summary>
    public const string UnknownCountryCode = "ZZ";

    /// <summary>Inclusive start of the range, UTC. Local times are converted; unspecified kinds are taken as UTC.</summary>
    public required DateTime Start { get; init; }

    /// <summary>Exclusive end of the range, UTC. Must be after <see cref="Start"/>.</summary>
    public required DateTime End { get; init; }

    /// <summary>Application (<c>server_name</c>), exact. Default null: all applications.</summary>
    public string? Application { get; init => field = UsageText.Clean(value, null); }

    /// <summary>Route group (<c>blueprint</c>), exact. Default null: all groups.</summary>
    public string? Group { get; init => field = UsageText.Clean(value, null); }

    /// <summary>Case-sensitive substring of the request path. Default null.</summary>
    public string? PathContains { get; init => field = UsageText.Clean(value, null); }

    /// <summary>One URL (route template or raw path). Default null: all URLs.</summary>
    public UrlKey? Url { get; init; }

    /// <summary>Exact status code, e.g. 404. Default null.</summary>
    public int? Status { get; init; }

    /// <summary>Status class 1-5 (5 = 5xx). Default null.</summary>
    public int? StatusClass { get; init; }

    /// <summary>HTTP method, e.g. <c>POST</c> (compared upper-case). Default null.</summary>
    public string? Method { get; init => field = UsageText.Clean(value, null); }

    /// <summary>ISO country code (compared upper-case); <see cref="UnknownCountryCode"/> selects requests without one. Default null.</summary>
    public string? CountryCode { get; init => field = UsageText.Clean(value, null); }

    /// <summary>User name (<c>username</c>), exact. Default null.</summary>
    public string? UserName { get; init => field = UsageText.Clean(value, null); }

    /// <summary>Client address (<c>remote_addr</c>), exact. Default null.</summary>
    public string? RemoteAddr { get; init => field = UsageText.Clean(value, null); }

    /// <summary>Humans, bots or both. Default <see cref="BotFilter.All"/>.</summary>
    public BotFilter Bots { get; init; }

    /// <summary>The length of the range.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>The filter for the previous period of equal length, ending where this one starts.</summary>
    public UsageFilter PreviousPeriod() => this with { Start = Start - Duration, End = Start };

    /// <summary>A filter for the last <paramref name="duration"/> up to <paramref name="now"/> (UTC).</summary>
    public static UsageFilter Last(TimeSpan duration, DateTime now) => new() { Start = now - duration, End = now };
}
