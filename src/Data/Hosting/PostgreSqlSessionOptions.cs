using Npgsql;

namespace UsageDashboard.Data.Hosting;

/// <summary>Session settings every usage-database connection to PostgreSQL starts with (sent in the startup packet).</summary>
/// <remarks>
/// JIT compilation is turned off: PostgreSQL compiles any query its planner costs above <c>jit_above_cost</c>, and the
/// dashboard's aggregations over rollup rows (sixty histogram sums each) are such queries, yet short. Compiling them took
/// about a second per query, five times what running them takes, at ten million records. An operator who wants JIT
/// anyway names it in the connection string's <c>Options</c>, which is then left alone.
/// </remarks>
internal static class PostgreSqlSessionOptions
{
    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? "";
        if (!options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            builder.Options = (options + " -c jit=off").Trim();
        }

        return builder.ConnectionString;
    }
}
