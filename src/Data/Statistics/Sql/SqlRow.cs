using System.Data.Common;
using System.Globalization;

namespace UsageDashboard.Data.Statistics.Sql;

/// <summary>
/// Typed column reads that tolerate each provider's native types (SQLite returns 64-bit integers and
/// doubles; PostgreSQL returns int, bigint, numeric or double depending on the aggregate).
/// </summary>
internal readonly struct SqlRow(DbDataReader reader)
{
    public long Long(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);

    public int Int(int i) => (int)Long(i);

    public double Double(int i) => reader.IsDBNull(i) ? 0 : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    public double? NullableDouble(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);

    public string? String(int i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
}
