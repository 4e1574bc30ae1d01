using Npgsql;
using UsageDashboard.Data.Hosting;

namespace UsageDashboard.Data.Tests.Hosting;

public sealed class PostgreSqlSessionOptionsTests
{
    private const string Defaults = "-c jit=off -c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan";

    [Fact]
    public void Jit_and_parallel_query_are_turned_off_prepared_plans_are_generic_and_other_options_are_kept()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlSessionOptions.Apply(
            "Host=db;Database=usage;Options=-c statement_timeout=5000"));

        Assert.Equal("-c statement_timeout=5000 " + Defaults, applied.Options);
        Assert.Equal("db", applied.Host);
        Assert.Equal(Defaults, new NpgsqlConnectionStringBuilder(PostgreSqlSessionOptions.Apply("Host=db")).Options);
    }

    [Theory]
    [InlineData("-c jit=on", "-c jit=on -c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_generic_plan")]
    [InlineData("--max_parallel_workers_per_gather=2", "--max_parallel_workers_per_gather=2 -c jit=off -c plan_cache_mode=force_generic_plan")]
    [InlineData("-c max_parallel_workers_per_gather=4 -c jit=on -c plan_cache_mode=auto", "-c max_parallel_workers_per_gather=4 -c jit=on -c plan_cache_mode=auto")]
    public void An_operator_who_names_a_setting_keeps_their_choice(string options, string expected)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlSessionOptions.Apply($"Host=db;Options={options}"));
        Assert.Equal(expected, applied.Options);
    }
}
