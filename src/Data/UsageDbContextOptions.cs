using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Data.Hosting;

namespace UsageDashboard.Data;

/// <summary>
/// Builds <see cref="UsageDbContext"/> options for a provider: one place shared by the application, the
/// design-time factories of the migrations projects, tests and benchmarks.
/// </summary>
internal static class UsageDbContextOptions
{
    public const string SqliteMigrationsAssembly = "UsageDashboard.Data.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "UsageDashboard.Data.Migrations.PostgreSql";

    public static DbContextOptions<UsageDbContext> Create(UsageStorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<UsageDbContext>();
        Configure(builder, options);
        return builder.Options;
    }

    public static void Configure(DbContextOptionsBuilder builder, UsageStorageOptions options)
    {
        var connectionString = options.ConnectionString
            ?? throw new InvalidOperationException("The usage database connection string is not set.");
        switch (options.Provider)
        {
            case UsageStorageProvider.Sqlite:
                builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                    .ReplaceService<IMigrationsSqlGenerator, SqliteWithoutRowIdSqlGenerator>()
                    .AddInterceptors(new SqlitePragmas(options.SqliteBusyTimeout));
                break;
            case UsageStorageProvider.PostgreSql:
                builder.UseNpgsql(PostgreSqlSessionOptions.Apply(connectionString), npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown usage storage provider.");
        }
    }
}
