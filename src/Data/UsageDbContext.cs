using Microsoft.EntityFrameworkCore;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Tracker;

namespace UsageDashboard.Data;

/// <summary>
/// The one shared usage database. The same model runs on SQLite and PostgreSQL; provider differences
/// (how a timestamp is stored, which index types exist) are decided in the entity configurations.
/// </summary>
public class UsageDbContext(DbContextOptions<UsageDbContext> options) : DbContext(options)
{
    /// <summary>Raw usage records, one per tracked request.</summary>
    public DbSet<UsageRecord> Usage => Set<UsageRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UsageRecordConfiguration(Database.IsSqlite()));
        modelBuilder.ApplyConfiguration(new VisitorSaltConfiguration());
        modelBuilder.ApplyConfiguration(new UsageRollupConfiguration(Database.IsSqlite()));
        modelBuilder.ApplyConfiguration(new UsageLatencyRollupConfiguration(Database.IsSqlite()));
        RulesModelConfiguration.Apply(modelBuilder);
    }
}
