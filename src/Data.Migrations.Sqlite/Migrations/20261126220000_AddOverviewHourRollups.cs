using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Adds the hourly rollup rows of totals, routes, statuses and countries (kept per hour from this version on, as
    /// paths were already) to rollups written before, summed from the 15-minute rows. Data only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261126220000_AddOverviewHourRollups")]
    public partial class AddOverviewHourRollups : Migration
    {
        private static readonly RollupDimension[] Kinds =
            [RollupDimension.Total, RollupDimension.Route, RollupDimension.Status, RollupDimension.Country];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RollupSql.Sqlite.AddCountHoursFromBase(Kinds));
            migrationBuilder.Sql(RollupSql.Sqlite.AddLatencyHoursFromBase(Kinds));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var delete in RollupSql.DeleteHours(Kinds))
            {
                migrationBuilder.Sql(delete);
            }
        }
    }
}
