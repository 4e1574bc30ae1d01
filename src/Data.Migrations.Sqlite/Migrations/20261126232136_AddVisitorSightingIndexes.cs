using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsageDashboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddVisitorSightingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_usage_rollups_visitor_first",
                table: "usage_rollups",
                columns: new[] { "kind", "period", "bucket_start", "bot", "first_ms", "app" },
                filter: "kind IN (10)");

            migrationBuilder.CreateIndex(
                name: "ix_usage_rollups_visitor_last",
                table: "usage_rollups",
                columns: new[] { "kind", "period", "bucket_start", "bot", "last_ms", "app" },
                filter: "kind IN (10)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_usage_rollups_visitor_first",
                table: "usage_rollups");

            migrationBuilder.DropIndex(
                name: "ix_usage_rollups_visitor_last",
                table: "usage_rollups");
        }
    }
}
