using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Adds the hourly rollup rows (<see cref="RollupPeriod.Hour"/>): their partitions of both rollup tables with a leaf per
    /// kind, and the rows of paths (the one kind the writer then kept per hour) summed from the 15-minute rows already
    /// written. Data and partitions only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261126200000_AddHourRollups")]
    public partial class AddHourRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.AddHourPartitionsSql);
            migrationBuilder.Sql(RollupSql.PostgreSql.AddCountHoursFromBase(RollupDimension.Path));
            migrationBuilder.Sql(RollupSql.PostgreSql.AddLatencyHoursFromBase(RollupDimension.Path));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql($"DROP TABLE {RollupSql.Counts}_hour; DROP TABLE {RollupSql.Latency}_hour;");
    }
}
