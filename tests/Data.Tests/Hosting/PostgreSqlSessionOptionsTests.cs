using Npgsql;
using UsageDashboard.Data.Hosting;

namespace UsageDashboard.Data.Tests.Hosting;

public sealed class PostgreSqlSessionOptionsTests
{
    [Fact]
    public void Jit_is_turned_off_and_other_options_are_kept()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlSessionOptions.Apply(
            "Host=db;Database=usage;Options=-c statement_timeout=5000"));

        Assert.Equal("-c statement_timeout=5000 -c jit=off", applied.Options);
        Assert.Equal("db", applied.Host);
        Assert.Equal("-c jit=off", new NpgsqlConnectionStringBuilder(PostgreSqlSessionOptions.Apply("Host=db")).Options);
    }

    [Fact]
    public void An_operator_who_names_jit_keeps_their_choice()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgreSqlSessionOptions.Apply("Host=db;Options=-c jit=on"));
        Assert.Equal("-c jit=on", applied.Options);
    }
}
