using System.Buffers;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Storage;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Rollups;

/// <summary>
/// A record's key fields as the raw table stores them (<see cref="UsageColumn.Text"/>: cut to the column's limit, NUL and
/// lone surrogates replaced), so that each rollup key equals the stored value that a rebuild derives it from, and
/// PostgreSQL accepts it. A NUL in a path (a request for <c>/a%00b</c>) was otherwise refused in every flush that carried
/// it, and each failed flush is retried with the next.
/// </summary>
internal sealed class RollupKeyText
{
    // NUL and every surrogate: a valid pair takes the slow path too, which keeps it.
    private static readonly SearchValues<char> Suspect =
        SearchValues.Create("\0" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private static readonly PropertyInfo[] Properties =
        [.. typeof(UsageRecord).GetProperties().Where(p => p.CanRead && p.CanWrite)];

    /// <summary>The record properties the rollup keys read.</summary>
    private static readonly string[] KeyProperties =
    [
        nameof(UsageRecord.Path), nameof(UsageRecord.Route), nameof(UsageRecord.Blueprint), nameof(UsageRecord.ServerName),
        nameof(UsageRecord.RemoteAddr), nameof(UsageRecord.VisitorId), nameof(UsageRecord.Browser), nameof(UsageRecord.BrowserVersion),
        nameof(UsageRecord.Platform), nameof(UsageRecord.OsVersion), nameof(UsageRecord.Device), nameof(UsageRecord.Language),
        nameof(UsageRecord.CountryCode), nameof(UsageRecord.City),
    ];

    /// <summary>Each key field's column as the batch writers store it, and the setter of its property.</summary>
    private readonly (UsageColumn Column, Action<UsageRecord, string?> Set)[] _fields;

    private RollupKeyText(UsageTableLayout layout) =>
        _fields = [.. KeyProperties.Select(name => (
            layout.Columns.Single(c => c.Property == name),
            typeof(UsageRecord).GetProperty(name)!.SetMethod!.CreateDelegate<Action<UsageRecord, string?>>()))];

    /// <summary>The key fields with the columns of the usage database's model (read once, by the caller).</summary>
    public static RollupKeyText For(IDbContextFactory<UsageDbContext> contexts)
    {
        using var context = contexts.CreateDbContext();
        return new RollupKeyText(UsageTableLayout.FromContext(context));
    }

    /// <summary>
    /// <paramref name="records"/> itself when every key field of every record is stored as it is (one vectorized scan per
    /// field, no allocation); otherwise a list with such records replaced by cleaned copies. The records are never
    /// changed: stores and other hooks share them.
    /// </summary>
    public IReadOnlyList<UsageRecord> Storable(IReadOnlyList<UsageRecord> records)
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

    private bool IsStorable(UsageRecord r)
    {
        foreach (var (column, _) in _fields)
        {
            if (column.GetText!(r) is { } value && (value.Length > column.MaxLength || value.AsSpan().ContainsAny(Suspect)))
            {
                return false;
            }
        }

        return true;
    }

    private UsageRecord Cleaned(UsageRecord r)
    {
        // Rare (bad input), so a reflective copy, which no field added later can be missing from.
        var copy = new UsageRecord();
        foreach (var property in Properties)
        {
            property.SetValue(copy, property.GetValue(r));
        }

        foreach (var (column, set) in _fields)
        {
            set(copy, column.Text(r));
        }

        return copy;
    }
}
