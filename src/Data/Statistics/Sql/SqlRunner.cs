using Microsoft.EntityFrameworkCore;

namespace UsageDashboard.Data.Statistics.Sql;

/// <summary>
/// Runs one aggregate query on its own context, so the queries of a page can run concurrently.
/// Raw ADO.NET rather than LINQ: the bucket expressions (time and latency) are SQL that LINQ cannot state.
/// </summary>
internal sealed class SqlRunner(IDbContextFactory<UsageDbContext> contexts)
{
    public IDbContextFactory<UsageDbContext> Contexts => contexts;

    public async Task<SqlDialect> DialectAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return SqlDialect.For(db.Database);
    }

    public async Task<List<T>> QueryAsync<T>(
        string sql, IEnumerable<KeyValuePair<string, object>> parameters, Func<SqlRow, T> map, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            if (db.Database.IsSqlite())
            {
                // GROUP BY and COUNT(DISTINCT) over a month of rows build large temporary b-trees: keep them in
                // memory instead of temporary files, and give the scan a bigger page cache (64 MB) than the 2 MB default.
                command.CommandText = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var result = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var row = new SqlRow(reader);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(map(row));
            }

            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
