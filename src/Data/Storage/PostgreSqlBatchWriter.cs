using Npgsql;
using NpgsqlTypes;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data.Storage;

/// <summary>
/// Writes batches to PostgreSQL with binary <c>COPY ... FROM STDIN</c>: one round trip per batch and no
/// per-row statement parsing. COPY is atomic: if anything fails before <c>Complete</c>, disposing the
/// importer cancels it and no row of the batch is kept.
/// </summary>
internal sealed class PostgreSqlBatchWriter(UsageTableLayout layout, string connectionString) : IUsageBatchWriter
{
    private readonly UsageColumn[] _columns = [.. layout.Columns];
    private readonly string _copySql = BuildCopy(layout);
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async ValueTask WriteAsync(IReadOnlyList<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var importer = await connection.BeginBinaryImportAsync(_copySql, cancellationToken).ConfigureAwait(false);
            await using (importer.ConfigureAwait(false))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    // Synchronous writes fill Npgsql's buffer and only touch the socket when it is full,
                    // which keeps the per-value cost at a copy instead of an awaited task.
                    importer.StartRow();
                    WriteRow(importer, batch[i]);
                }

                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void WriteRow(NpgsqlBinaryImporter importer, UsageRecord record)
    {
        var columns = _columns;
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            switch (column.Kind)
            {
                case UsageColumnKind.Text:
                    var text = column.Text(record);
                    if (text is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(text, NpgsqlDbType.Text);
                    }

                    break;
                case UsageColumnKind.Int32:
                    importer.Write(column.GetInt32!(record), NpgsqlDbType.Integer);
                    break;
                case UsageColumnKind.NullableInt32:
                    WriteNullable(importer, column.GetNullableInt32!(record), NpgsqlDbType.Integer);
                    break;
                case UsageColumnKind.Int64:
                    importer.Write(column.GetInt64!(record), NpgsqlDbType.Bigint);
                    break;
                case UsageColumnKind.NullableInt64:
                    WriteNullable(importer, column.GetNullableInt64!(record), NpgsqlDbType.Bigint);
                    break;
                case UsageColumnKind.Double:
                    importer.Write(UsageColumn.CleanDouble(column.GetDouble!(record)), NpgsqlDbType.Double);
                    break;
                case UsageColumnKind.NullableDouble:
                    var d = column.GetNullableDouble!(record);
                    WriteNullable(importer, d is double v && double.IsNaN(v) ? null : d, NpgsqlDbType.Double);
                    break;
                case UsageColumnKind.Boolean:
                    importer.Write(column.GetBoolean!(record), NpgsqlDbType.Boolean);
                    break;
                case UsageColumnKind.NullableBoolean:
                    WriteNullable(importer, column.GetNullableBoolean!(record), NpgsqlDbType.Boolean);
                    break;
                case UsageColumnKind.Timestamp:
                    importer.Write(UsageColumn.NormalizeTimestamp(column.GetTimestamp!(record)), NpgsqlDbType.TimestampTz);
                    break;
                default:
                    throw new NotSupportedException($"Column {column.Name} has kind {column.Kind}.");
            }
        }
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is T v)
        {
            importer.Write(v, type);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private static string BuildCopy(UsageTableLayout layout)
    {
        var table = layout.Schema is null ? Quote(layout.Table) : $"{Quote(layout.Schema)}.{Quote(layout.Table)}";
        var names = string.Join(", ", layout.Columns.Select(c => Quote(c.Name)));
        return $"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
