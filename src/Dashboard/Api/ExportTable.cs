namespace UsageDashboard.Dashboard.Api;

/// <summary>A table as exported: column names and rows of plain values (strings, numbers, booleans, times, null).</summary>
internal sealed record ExportTable(IReadOnlyList<string> Columns, IEnumerable<object?[]> Rows);
