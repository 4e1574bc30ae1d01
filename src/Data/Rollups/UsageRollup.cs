namespace UsageDashboard.Data.Rollups;

/// <summary>
/// One row of <c>usage_rollups</c>: sums of all requests in one time bucket that share an application,
/// route group and dimension key. Written only through SQL upserts; the entity exists so that the schema
/// lives in the EF model and migrations.
/// </summary>
internal sealed class UsageRollup
{
    public RollupPeriod Period { get; set; }

    public RollupDimension Kind { get; set; }

    /// <summary>Bucket start as UTC Unix milliseconds (same encoding on both providers, so SQL is shared).</summary>
    public long BucketStart { get; set; }

    /// <summary>Application (<c>server_name</c>); empty when none.</summary>
    public string App { get; set; } = "";

    /// <summary>Route group (<c>blueprint</c>); empty when none.</summary>
    public string Group { get; set; } = "";

    /// <summary>1 for requests flagged as bots, else 0 (a number, so both providers store the same key).</summary>
    public short Bot { get; set; }

    public string Key { get; set; } = "";

    public long Hits { get; set; }

    /// <summary>Response bytes (the original's <c>transfer</c>).</summary>
    public long Bytes { get; set; }

    /// <summary>Requests answered with 5xx.</summary>
    public long Errors { get; set; }

    /// <summary>Requests answered with 4xx.</summary>
    public long ClientErrors { get; set; }

    /// <summary>Sum of request durations in microseconds (integer so that adds are exact).</summary>
    public long DurationSumUs { get; set; }

    public long Located { get; set; }

    public double LatitudeSum { get; set; }

    public double LongitudeSum { get; set; }

    public long West { get; set; }

    public double AbsLongitudeSum { get; set; }

    /// <summary>Visitor rows: the visitor's earliest request of the day (Unix ms); NULL on other kinds or when unknown.</summary>
    public long? FirstMs { get; set; }

    /// <summary>Visitor rows: the visitor's latest request of the day (Unix ms); NULL on other kinds or when unknown.</summary>
    public long? LastMs { get; set; }
}
