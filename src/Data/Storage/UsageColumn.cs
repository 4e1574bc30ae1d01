using System.Reflection;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// One column of <c>usage_records</c> as the batch writers see it: its name and length limit taken from
/// the EF Core model, and a typed getter bound to the <see cref="UsageRecord"/> property.
/// </summary>
/// <remarks>
/// Getters are open-instance delegates over the property's get method: as fast as a direct call, with no
/// boxing, and one typed field per kind so a writer's per-value switch stays a jump table.
/// </remarks>
internal sealed class UsageColumn
{
    private UsageColumn(string name, string property, UsageColumnKind kind, int? maxLength, bool isNullable)
    {
        Name = name;
        Property = property;
        Kind = kind;
        MaxLength = maxLength;
        IsNullable = isNullable;
    }

    public string Name { get; }

    public string Property { get; }

    public UsageColumnKind Kind { get; }

    /// <summary>Length limit of a text column (characters); null when unlimited.</summary>
    public int? MaxLength { get; }

    public bool IsNullable { get; }

    public Func<UsageRecord, string?>? GetText { get; private init; }

    public Func<UsageRecord, int>? GetInt32 { get; private init; }

    public Func<UsageRecord, int?>? GetNullableInt32 { get; private init; }

    public Func<UsageRecord, long>? GetInt64 { get; private init; }

    public Func<UsageRecord, long?>? GetNullableInt64 { get; private init; }

    public Func<UsageRecord, double>? GetDouble { get; private init; }

    public Func<UsageRecord, double?>? GetNullableDouble { get; private init; }

    public Func<UsageRecord, bool>? GetBoolean { get; private init; }

    public Func<UsageRecord, bool?>? GetNullableBoolean { get; private init; }

    public Func<UsageRecord, DateTime>? GetTimestamp { get; private init; }

    /// <summary>The text value, cleaned and cut to the column's limit; "" for a required column left null.</summary>
    public string? Text(UsageRecord record)
    {
        var value = UsageText.Clean(GetText!(record), MaxLength);
        return value is null && !IsNullable ? "" : value;
    }

    public static UsageColumn Create(string name, PropertyInfo property, int? maxLength, bool isNullable)
    {
        var type = property.PropertyType;
        var getter = property.GetMethod ?? throw new InvalidOperationException($"{property.Name} has no getter.");
        T Get<T>() where T : Delegate => getter.CreateDelegate<T>();
        var n = property.Name;
        return type switch
        {
            _ when type == typeof(string) => new(name, n, UsageColumnKind.Text, maxLength, isNullable) { GetText = Get<Func<UsageRecord, string?>>() },
            _ when type == typeof(int) => new(name, n, UsageColumnKind.Int32, null, false) { GetInt32 = Get<Func<UsageRecord, int>>() },
            _ when type == typeof(int?) => new(name, n, UsageColumnKind.NullableInt32, null, true) { GetNullableInt32 = Get<Func<UsageRecord, int?>>() },
            _ when type == typeof(long) => new(name, n, UsageColumnKind.Int64, null, false) { GetInt64 = Get<Func<UsageRecord, long>>() },
            _ when type == typeof(long?) => new(name, n, UsageColumnKind.NullableInt64, null, true) { GetNullableInt64 = Get<Func<UsageRecord, long?>>() },
            _ when type == typeof(double) => new(name, n, UsageColumnKind.Double, null, false) { GetDouble = Get<Func<UsageRecord, double>>() },
            _ when type == typeof(double?) => new(name, n, UsageColumnKind.NullableDouble, null, true) { GetNullableDouble = Get<Func<UsageRecord, double?>>() },
            _ when type == typeof(bool) => new(name, n, UsageColumnKind.Boolean, null, false) { GetBoolean = Get<Func<UsageRecord, bool>>() },
            _ when type == typeof(bool?) => new(name, n, UsageColumnKind.NullableBoolean, null, true) { GetNullableBoolean = Get<Func<UsageRecord, bool?>>() },
            _ when type == typeof(DateTime) => new(name, n, UsageColumnKind.Timestamp, null, false) { GetTimestamp = Get<Func<UsageRecord, DateTime>>() },
            _ => throw new NotSupportedException(
                $"UsageRecord.{property.Name} has type {type.Name}, which the batch writers do not bind yet; add it to {nameof(UsageColumnKind)}."),
        };
    }

    /// <summary>
    /// A usage timestamp as stored: UTC (an unspecified kind is taken as UTC, local time is converted),
    /// cut to whole milliseconds so every provider stores and returns the same instant.
    /// </summary>
    public static DateTime NormalizeTimestamp(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <summary>
    /// A query bound: UTC, rounded UP to whole milliseconds. Stored dates are whole milliseconds, so
    /// <c>date &gt;= b</c> and <c>date &lt; b</c> select exactly what the unrounded bound would.
    /// </summary>
    public static DateTime NormalizeBound(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        var remainder = utc.Ticks % TimeSpan.TicksPerMillisecond;
        return remainder == 0 || utc.Ticks - remainder > DateTime.MaxValue.Ticks - TimeSpan.TicksPerMillisecond
            ? new DateTime(utc.Ticks - remainder, DateTimeKind.Utc)
            : new DateTime(utc.Ticks - remainder + TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <summary>Unix milliseconds, the SQLite representation (see UsageRecordConfiguration).</summary>
    public static long ToUnixMilliseconds(DateTime value) =>
        (NormalizeTimestamp(value).Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    /// <summary>NaN cannot be stored in a SQLite REAL (it becomes NULL); a required number falls back to 0.</summary>
    public static double CleanDouble(double value) => double.IsNaN(value) ? 0 : value;
}
