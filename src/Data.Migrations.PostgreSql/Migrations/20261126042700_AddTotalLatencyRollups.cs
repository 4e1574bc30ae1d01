using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Adds the total latency rows (one per time bucket, application, route group and bot flag) to rollups written before
    /// the writer kept them, summed from the route rows. Data only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261126042700_AddTotalLatencyRollups")]
    public partial class AddTotalLatencyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(RollupSql.TotalLatencyFromRoutes);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql($"DELETE FROM {RollupSql.Latency} WHERE kind = {(short)RollupDimension.Total}");
    }
}
