using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Partitions <c>usage_rollups</c> and <c>usage_latency_rollups</c> by period and kind
    /// (<see cref="PostgreSqlRollupPartitioning"/>), which EF Core cannot model, so that a page's read of one kind lands on
    /// a heap holding that kind alone. PostgreSQL only; the model is unchanged, so SQLite has no twin of this migration.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261126064500_PartitionRollupsByPeriodAndKind")]
    public partial class PartitionRollupsByPeriodAndKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.ConvertToPartitionedSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("Partitioning of the rollup tables is not reverted; restore a backup taken before the upgrade instead.");
    }
}
