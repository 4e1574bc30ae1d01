using Microsoft.EntityFrameworkCore;

namespace UsageDashboard.Data.Rollups;

/// <summary>Picks the rollup SQL and writer for the provider a context runs on.</summary>
internal static class RollupProvider
{
    private static readonly SqliteRollupWriter SqliteWriter = new();
    private static readonly PostgreSqlRollupWriter PostgreSqlWriter = new();

    public static bool IsPostgres(DbContext context) => context.Database.IsNpgsql();

    public static RollupSql Sql(DbContext context) => IsPostgres(context) ? RollupSql.PostgreSql : RollupSql.Sqlite;

    public static IRollupWriter Writer(DbContext context) => IsPostgres(context) ? PostgreSqlWriter : SqliteWriter;
}
