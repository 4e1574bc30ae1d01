using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddRouteKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_usage_latency_rollups_path_key",
                table: "usage_latency_rollups");

            migrationBuilder.CreateIndex(
                name: "ix_usage_rollups_route_key",
                table: "usage_rollups",
                columns: new[] { "kind", "dim_key", "period", "bucket_start" },
                filter: "kind IN (1, 14, 15, 16)")
                .Annotation("Relational:Collation", new[] { null, "C", null, null });

            migrationBuilder.CreateIndex(
                name: "ix_usage_latency_rollups_path_key",
                table: "usage_latency_rollups",
                columns: new[] { "kind", "dim_key", "period", "bucket_start" },
                filter: "kind IN (1, 2)")
                .Annotation("Relational:Collation", new[] { null, "C", null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_usage_rollups_route_key",
                table: "usage_rollups");

            migrationBuilder.DropIndex(
                name: "ix_usage_latency_rollups_path_key",
                table: "usage_latency_rollups");

            migrationBuilder.CreateIndex(
                name: "ix_usage_latency_rollups_path_key",
                table: "usage_latency_rollups",
                columns: new[] { "kind", "dim_key", "period", "bucket_start" },
                filter: "kind = 2")
                .Annotation("Relational:Collation", new[] { null, "C", null, null });
        }
    }
}
