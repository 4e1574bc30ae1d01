using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddPathKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_usage_rollups_path_key",
                table: "usage_rollups",
                columns: new[] { "kind", "dim_key", "period", "bucket_start" },
                filter: "kind IN (19, 20, 21)")
                .Annotation("Relational:Collation", new[] { null, "C", null, null });

            migrationBuilder.CreateIndex(
                name: "ix_usage_latency_rollups_path_key",
                table: "usage_latency_rollups",
                columns: new[] { "kind", "dim_key", "period", "bucket_start" },
                filter: "kind = 2")
                .Annotation("Relational:Collation", new[] { null, "C", null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_usage_rollups_path_key",
                table: "usage_rollups");

            migrationBuilder.DropIndex(
                name: "ix_usage_latency_rollups_path_key",
                table: "usage_latency_rollups");
        }
    }
}
