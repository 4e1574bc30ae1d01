using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Leaves room on every rollup leaf's pages for the updates that flushes make to the rows they wrote before
    /// (<see cref="PostgreSqlRollupPartitioning.LeafFillFactor"/>). Storage only: the model is unchanged, and no row moves.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261127070000_LeaveRoomForRollupUpdates")]
    public partial class LeaveRoomForRollupUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.LeaveRoomForUpdatesSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.SetLeafFillFactorSql(100));
    }
}
