using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Configuration;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Indexes the visitors' first and last sightings on the leaf of daily visitor rows, which EF Core does not model
    /// (<see cref="PostgreSqlRollupPartitioning.VisitorSightingIndexesSql"/>); SQLite gets them as partial indexes of the model.
    /// </summary>
    public partial class AddVisitorSightingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlRollupPartitioning.VisitorSightingIndexesSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql($"DROP INDEX {UsageRollupConfiguration.VisitorFirstIndex}; DROP INDEX {UsageRollupConfiguration.VisitorLastIndex};");
    }
}
