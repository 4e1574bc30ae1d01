using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Adds the hourly rollup rows (<see cref="RollupPeriod.Hour"/>) of paths, the one kind the writer then kept per hour, to
    /// rollups written before it kept them, summed from the 15-minute rows. Data only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261126200000_AddHourRollups")]
    public partial class AddHourRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RollupSql.Sqlite.AddCountHoursFromBase(RollupDimension.Path));
            migrationBuilder.Sql(RollupSql.Sqlite.AddLatencyHoursFromBase(RollupDimension.Path));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DELETE FROM {RollupSql.Counts} WHERE period = {(short)RollupPeriod.Hour}");
            migrationBuilder.Sql($"DELETE FROM {RollupSql.Latency} WHERE period = {(short)RollupPeriod.Hour}");
        }
    }
}
