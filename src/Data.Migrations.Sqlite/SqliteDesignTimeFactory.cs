using Microsoft.EntityFrameworkCore.Design;

namespace UsageDashboard.Data.Migrations.Sqlite;

/// <summary>
/// Lets <c>dotnet ef</c> build the SQLite model without a host (scripts/add-migration.sh). No
/// connection is opened when adding a migration.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<UsageDbContext>
{
    public UsageDbContext CreateDbContext(string[] args) => new(UsageDbContextOptions.Create(new UsageStorageOptions
    {
        Provider = UsageStorageProvider.Sqlite,
        ConnectionString = args.Length > 0 ? args[0] : "Data Source=usage-design-time.db",
    }));
}
