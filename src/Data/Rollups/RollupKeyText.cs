using System.Buffers;
using System.Reflection;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// A record's key fields as the raw table stores them (<see cref="UsageText.Clean"/>: cut to the column's limit, NUL and
/// lone surrogates replaced), so that each rollup key equals the stored value that a rebuild derives it from, and
/// PostgreSQL accepts it. A NUL in a path (a request for <c>/a%00b</c>) was otherwise refused in every flush that carried
/// it, and each failed flush is retried with the next.
/// </summary>
internal static class RollupKeyText
{
    // NUL and every surrogate: a valid pair takes the slow path too, which keeps it.
    private static readonly SearchValues<char> Suspect =
        SearchValues.Create("\0" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static readonly PropertyInfo[] Properties =
        [.. typeof(UsageRecord).GetProperties().Where(p => p.CanRead && p.CanWrite)];

    /// <summary>The key fields the rollups read, with their column's limit.</summary>
    private static readonly (Func<UsageRecord, string?> Get, Action<UsageRecord, string?> Set, int MaxLength)[] Fields =
    [
        (r => r.Path, (r, v) => r.Path = v ?? "", UsageRecordLimits.Path),
        (r => r.Route, (r, v) => r.Route = v, UsageRecordLimits.Route),
        (r => r.Blueprint, (r, v) => r.Blueprint = v, UsageRecordLimits.Blueprint),
        (r => r.ServerName, (r, v) => r.ServerName = v, UsageRecordLimits.ServerName),
        (r => r.RemoteAddr, (r, v) => r.RemoteAddr = v, UsageRecordLimits.Address),
        (r => r.VisitorId, (r, v) => r.VisitorId = v, UsageRecordLimits.VisitorId),
        (r => r.Browser, (r, v) => r.Browser = v, UsageRecordLimits.Short),
        (r => r.BrowserVersion, (r, v) => r.BrowserVersion = v, UsageRecordLimits.Short),
        (r => r.Platform, (r, v) => r.Platform = v, UsageRecordLimits.Short),
        (r => r.OsVersion, (r, v) => r.OsVersion = v, UsageRecordLimits.Short),
        (r => r.Device, (r, v) => r.Device = v, UsageRecordLimits.Short),
        (r => r.Language, (r, v) => r.Language = v, UsageRecordLimits.Short),
        (r => r.CountryCode, (r, v) => r.CountryCode = v, UsageRecordConfiguration.CountryCodeLength),
        (r => r.City, (r, v) => r.City = v, UsageRecordLimits.Short),
    ];

    /// <summary>
    /// <paramref name="records"/> itself when every key field of every record is stored as it is (one vectorized scan per
    /// field, no allocation); otherwise a list with such records replaced by cleaned copies. The records are never
    /// changed: stores and other hooks share them.
    /// </summary>
    public static IReadOnlyList<UsageRecord> Storable(IReadOnlyList<UsageRecord> records)
    {
        List<UsageRecord>? copy = null;
        for (var i = 0; i < records.Count; i++)
        {
            if (!IsStorable(records[i]))
            {
                copy ??= [.. records];
                copy[i] = Cleaned(records[i]);
            }
        }

        return copy ?? records;
    }

    private static bool IsStorable(UsageRecord r)
    {
        foreach (var (get, _, maxLength) in Fields)
        {
            if (get(r) is { } value && (value.Length > maxLength || value.AsSpan().ContainsAny(Suspect)))
            {
                return false;
            }
        }

        return true;
    }

    private static UsageRecord Cleaned(UsageRecord r)
    {
        // Rare (bad input), so a reflective copy, which no field added later can be missing from.
        var copy = new UsageRecord();
        foreach (var property in Properties)
        {
            property.SetValue(copy, property.GetValue(r));
        }

        foreach (var (get, set, maxLength) in Fields)
        {
            set(copy, UsageText.Clean(get(r), maxLength));
        }

        return copy;
    }
}
