using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace UsageDashboard.Data.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "usage_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    path = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    blueprint = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    view_args = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    url_args = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    remote_addr = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    xforwardedfor = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    authorization = table.Column<bool>(type: "boolean", nullable: false),
                    username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    browser = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    browser_version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    platform = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    os_version = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    device = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    language = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    is_bot = table.Column<bool>(type: "boolean", nullable: false),
                    ip_info = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    country = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    region = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    city = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    visitor_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    speed = table.Column<double>(type: "double precision", nullable: false),
                    content_length = table.Column<long>(type: "bigint", nullable: false),
                    request = table.Column<string>(type: "character varying(2100)", maxLength: 2100, nullable: true),
                    server_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    route = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    endpoint = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    track_var = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_usage_records_date",
                table: "usage_records",
                columns: new[] { "date", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "usage_records");
        }
    }
}
