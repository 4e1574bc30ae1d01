using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsageDashboard.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddVisitorSightings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "first_ms",
                table: "usage_rollups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "last_ms",
                table: "usage_rollups",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "first_ms",
                table: "usage_rollups");

            migrationBuilder.DropColumn(
                name: "last_ms",
                table: "usage_rollups");
        }
    }
}
