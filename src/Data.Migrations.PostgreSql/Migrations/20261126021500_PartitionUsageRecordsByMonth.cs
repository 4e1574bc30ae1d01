using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Partitions <c>usage_records</c> by month (<see cref="PostgreSqlPartitioning"/>), which EF Core cannot model: the
    /// retention service then creates months ahead and drops expired months whole. PostgreSQL only; the model is unchanged,
    /// so SQLite has no twin of this migration.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261126021500_PartitionUsageRecordsByMonth")]
    public partial class PartitionUsageRecordsByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlPartitioning.ConvertToPartitionedSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("Partitioning of usage_records is not reverted; restore a backup taken before the upgrade instead.");
    }
}
