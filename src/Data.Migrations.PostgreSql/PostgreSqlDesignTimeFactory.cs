using Microsoft.EntityFrameworkCore.Design;

namespace UsageDashboard.Data.Migrations.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef</c> build the PostgreSQL model without a host (scripts/add-migration.sh). No
/// connection is opened when adding a migration; pass a connection string after <c>--</c> to run
/// commands that need a server.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<UsageDbContext>
{
    public UsageDbContext CreateDbContext(string[] args) => new(UsageDbContextOptions.Create(new UsageStorageOptions
    {
        Provider = UsageStorageProvider.PostgreSql,
        ConnectionString = args.Length > 0 ? args[0] : "Host=localhost;Database=usage_design_time;Username=postgres",
    }));
}
