using Npgsql;

namespace UsageDashboard.Data.Hosting;

/// <summary>Session settings every usage-database connection to PostgreSQL starts with (sent in the startup packet).</summary>
/// <remarks>
/// <para>JIT compilation is turned off: PostgreSQL compiles any query its planner costs above <c>jit_above_cost</c>, and the
/// dashboard's aggregations over rollup rows (sixty histogram sums each) are such queries, yet short. Compiling them took
/// about a second per query, five times what running them takes, at ten million records.</para>
/// <para>Parallel query is turned off (<c>max_parallel_workers_per_gather = 0</c>): a page runs its queries side by side,
/// each over one rollup leaf or a few minutes of raw rows, and starting the workers of a parallel plan cost 50–60 ms on a
/// two-core server, more than most of those queries take whole (a 1 543-row raw edge: 120 ms with two workers, 10 ms
/// without).</para>
/// <para>Prepared statements are planned once, generically (<c>plan_cache_mode = force_generic_plan</c>). Only the widest
/// rollup reads prepare theirs (a URL table sorted by latency over a ragged range: a union of every URL's rows of the partial
/// days); their generic plan ran in 72 ms where a plan for the values at hand took 98–130 ms at ten million records, as
/// its parameters are only bucket bounds. Nothing else is prepared unless an operator turns on Npgsql's automatic
/// preparation.</para>
/// <para>An operator who wants any of these otherwise names the setting in the connection string's <c>Options</c>, which is
/// then left as it is.</para>
/// </remarks>
internal static class PostgreSqlSessionOptions
{
    private static readonly (string Name, string Value)[] Defaults =
        [("jit", "off"), ("max_parallel_workers_per_gather", "0"), ("plan_cache_mode", "force_generic_plan")];

    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? "";
        foreach (var (name, value) in Defaults)
        {
            if (!Names(options, name))
            {
                options = $"{options} -c {name}={value}".Trim();
            }
        }

        builder.Options = options;
        return builder.ConnectionString;
    }

    // "jit" must not match "max_parallel_workers_per_gather" or the reverse: a setting is named when "name=" follows
    // "-c " or "--".
    private static bool Names(string options, string name) =>
        options.Contains($"-c {name}=", StringComparison.OrdinalIgnoreCase)
        || options.Contains($"-c{name}=", StringComparison.OrdinalIgnoreCase)
        || options.Contains($"--{name}=", StringComparison.OrdinalIgnoreCase);
}
