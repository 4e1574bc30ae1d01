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

    /// <summary>
    /// <paramref name="r"/> itself when every key field is stored as it is (one vectorized scan per field, no allocation);
    /// otherwise a copy with those fields as stored. The record is never changed: stores and other hooks share it.
    /// </summary>
    public static UsageRecord Storable(UsageRecord r) =>
        Fits(r.Path, UsageRecordLimits.Path)
        && Fits(r.Route, UsageRecordLimits.Route)
        && Fits(r.Blueprint, UsageRecordLimits.Blueprint)
        && Fits(r.ServerName, UsageRecordLimits.ServerName)
        && Fits(r.RemoteAddr, UsageRecordLimits.Address)
        && Fits(r.VisitorId, UsageRecordLimits.VisitorId)
        && Fits(r.Browser, UsageRecordLimits.Short)
        && Fits(r.BrowserVersion, UsageRecordLimits.Short)
        && Fits(r.Platform, UsageRecordLimits.Short)
        && Fits(r.OsVersion, UsageRecordLimits.Short)
        && Fits(r.Device, UsageRecordLimits.Short)
        && Fits(r.Language, UsageRecordLimits.Short)
        && Fits(r.CountryCode, UsageRecordConfiguration.CountryCodeLength)
        && Fits(r.City, UsageRecordLimits.Short)
            ? r
            : Cleaned(r);

    private static bool Fits(string? value, int maxLength) =>
        value is null || (value.Length <= maxLength && !value.AsSpan().ContainsAny(Suspect));

    private static UsageRecord Cleaned(UsageRecord r)
    {
        // Rare (bad input), so a reflective copy, which no field added later can be missing from.
        var copy = new UsageRecord();
        foreach (var property in Properties)
        {
            property.SetValue(copy, property.GetValue(r));
        }

        copy.Path = UsageText.Clean(r.Path, UsageRecordLimits.Path) ?? "";
        copy.Route = UsageText.Clean(r.Route, UsageRecordLimits.Route);
        copy.Blueprint = UsageText.Clean(r.Blueprint, UsageRecordLimits.Blueprint);
        copy.ServerName = UsageText.Clean(r.ServerName, UsageRecordLimits.ServerName);
        copy.RemoteAddr = UsageText.Clean(r.RemoteAddr, UsageRecordLimits.Address);
        copy.VisitorId = UsageText.Clean(r.VisitorId, UsageRecordLimits.VisitorId);
        copy.Browser = UsageText.Clean(r.Browser, UsageRecordLimits.Short);
        copy.BrowserVersion = UsageText.Clean(r.BrowserVersion, UsageRecordLimits.Short);
        copy.Platform = UsageText.Clean(r.Platform, UsageRecordLimits.Short);
        copy.OsVersion = UsageText.Clean(r.OsVersion, UsageRecordLimits.Short);
        copy.Device = UsageText.Clean(r.Device, UsageRecordLimits.Short);
        copy.Language = UsageText.Clean(r.Language, UsageRecordLimits.Short);
        copy.CountryCode = UsageText.Clean(r.CountryCode, UsageRecordConfiguration.CountryCodeLength);
        copy.City = UsageText.Clean(r.City, UsageRecordLimits.Short);
        return copy;
    }
}
