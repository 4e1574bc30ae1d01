using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UsageDashboard.Data.Rollups;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// Indexes the raw table's dates by block range instead of by the <c>(date, id)</c> key's b-tree
    /// (<see cref="PostgreSqlPartitioning.IndexDatesByBlockRangeSql"/>), which cost every inserted row a quarter of its insert.
    /// Storage only: the model keeps its key, which EF Core needs to know a record, and no row moves.
    /// </summary>
    [DbContext(typeof(UsageDbContext))]
    [Migration("20261127180000_IndexRawDatesByBlockRange")]
    public partial class IndexRawDatesByBlockRange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlPartitioning.IndexDatesByBlockRangeSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(PostgreSqlPartitioning.RestoreDateKeySql);
    }
}
