using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Leaves room on each page of the narrow kinds' rollup leaves for their rows' updated versions
    /// (<see cref="PostgreSqlRollupPartitioning.UpdateRoomSql"/>). Pages written before keep their rows; a row's first
    /// update moves it to a page with room, and its later ones stay there. PostgreSQL only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261127020000_AddRollupUpdateRoom")]
    public partial class AddRollupUpdateRoom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.UpdateRoomSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.ResetUpdateRoomSql);
    }
}
