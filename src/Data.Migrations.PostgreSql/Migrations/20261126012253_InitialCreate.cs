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
                name: "dashboard_users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    normalized_user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_applications",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    configured_mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    mode_override = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    last_seen = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_applications", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "tracking_endpoints",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    application = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    group_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    route_pattern = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    http_methods = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    code_setting = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_seen = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    stale = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_endpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_rule_audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    application = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target_display = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: false),
                    old_value = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    new_value = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_rule_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    setting = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tracking_rules_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracking_rules_version", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "usage_latency_rollups",
                columns: table => new
                {
                    period = table.Column<short>(type: "smallint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    bucket_start = table.Column<long>(type: "bigint", nullable: false),
                    app = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    grp = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    bot = table.Column<short>(type: "smallint", nullable: false),
                    dim_key = table.Column<string>(type: "character varying(1153)", maxLength: 1153, nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    sum_us = table.Column<long>(type: "bigint", nullable: false),
                    min_us = table.Column<long>(type: "bigint", nullable: false),
                    max_us = table.Column<long>(type: "bigint", nullable: false),
                    h0 = table.Column<long>(type: "bigint", nullable: false),
                    h1 = table.Column<long>(type: "bigint", nullable: false),
                    h10 = table.Column<long>(type: "bigint", nullable: false),
                    h11 = table.Column<long>(type: "bigint", nullable: false),
                    h12 = table.Column<long>(type: "bigint", nullable: false),
                    h13 = table.Column<long>(type: "bigint", nullable: false),
                    h14 = table.Column<long>(type: "bigint", nullable: false),
                    h15 = table.Column<long>(type: "bigint", nullable: false),
                    h16 = table.Column<long>(type: "bigint", nullable: false),
                    h17 = table.Column<long>(type: "bigint", nullable: false),
                    h18 = table.Column<long>(type: "bigint", nullable: false),
                    h19 = table.Column<long>(type: "bigint", nullable: false),
                    h2 = table.Column<long>(type: "bigint", nullable: false),
                    h20 = table.Column<long>(type: "bigint", nullable: false),
                    h21 = table.Column<long>(type: "bigint", nullable: false),
                    h22 = table.Column<long>(type: "bigint", nullable: false),
                    h23 = table.Column<long>(type: "bigint", nullable: false),
                    h24 = table.Column<long>(type: "bigint", nullable: false),
                    h25 = table.Column<long>(type: "bigint", nullable: false),
                    h26 = table.Column<long>(type: "bigint", nullable: false),
                    h27 = table.Column<long>(type: "bigint", nullable: false),
                    h28 = table.Column<long>(type: "bigint", nullable: false),
                    h29 = table.Column<long>(type: "bigint", nullable: false),
                    h3 = table.Column<long>(type: "bigint", nullable: false),
                    h30 = table.Column<long>(type: "bigint", nullable: false),
                    h31 = table.Column<long>(type: "bigint", nullable: false),
                    h32 = table.Column<long>(type: "bigint", nullable: false),
                    h33 = table.Column<long>(type: "bigint", nullable: false),
                    h34 = table.Column<long>(type: "bigint", nullable: false),
                    h35 = table.Column<long>(type: "bigint", nullable: false),
                    h36 = table.Column<long>(type: "bigint", nullable: false),
                    h37 = table.Column<long>(type: "bigint", nullable: false),
                    h38 = table.Column<long>(type: "bigint", nullable: false),
                    h39 = table.Column<long>(type: "bigint", nullable: false),
                    h4 = table.Column<long>(type: "bigint", nullable: false),
                    h40 = table.Column<long>(type: "bigint", nullable: false),
                    h41 = table.Column<long>(type: "bigint", nullable: false),
                    h42 = table.Column<long>(type: "bigint", nullable: false),
                    h43 = table.Column<long>(type: "bigint", nullable: false),
                    h44 = table.Column<long>(type: "bigint", nullable: false),
                    h45 = table.Column<long>(type: "bigint", nullable: false),
                    h46 = table.Column<long>(type: "bigint", nullable: false),
                    h47 = table.Column<long>(type: "bigint", nullable: false),
                    h48 = table.Column<long>(type: "bigint", nullable: false),
                    h49 = table.Column<long>(type: "bigint", nullable: false),
                    h5 = table.Column<long>(type: "bigint", nullable: false),
                    h50 = table.Column<long>(type: "bigint", nullable: false),
                    h51 = table.Column<long>(type: "bigint", nullable: false),
                    h52 = table.Column<long>(type: "bigint", nullable: false),
                    h53 = table.Column<long>(type: "bigint", nullable: false),
                    h54 = table.Column<long>(type: "bigint", nullable: false),
                    h55 = table.Column<long>(type: "bigint", nullable: false),
                    h56 = table.Column<long>(type: "bigint", nullable: false),
                    h57 = table.Column<long>(type: "bigint", nullable: false),
                    h58 = table.Column<long>(type: "bigint", nullable: false),
                    h59 = table.Column<long>(type: "bigint", nullable: false),
                    h6 = table.Column<long>(type: "bigint", nullable: false),
                    h60 = table.Column<long>(type: "bigint", nullable: false),
                    h61 = table.Column<long>(type: "bigint", nullable: false),
                    h7 = table.Column<long>(type: "bigint", nullable: false),
                    h8 = table.Column<long>(type: "bigint", nullable: false),
                    h9 = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_latency_rollups", x => new { x.period, x.kind, x.bucket_start, x.app, x.grp, x.bot, x.dim_key });
                });

            migrationBuilder.CreateTable(
                name: "usage_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'', '1', '', '', 'False', '100'")
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
                    table.PrimaryKey("PK_usage_records", x => new { x.date, x.id });
                })
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_threshold", 10000);

            migrationBuilder.CreateTable(
                name: "usage_rollups",
                columns: table => new
                {
                    period = table.Column<short>(type: "smallint", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    bucket_start = table.Column<long>(type: "bigint", nullable: false),
                    app = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    grp = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    bot = table.Column<short>(type: "smallint", nullable: false),
                    dim_key = table.Column<string>(type: "character varying(1153)", maxLength: 1153, nullable: false),
                    hits = table.Column<long>(type: "bigint", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    errors = table.Column<long>(type: "bigint", nullable: false),
                    client_errors = table.Column<long>(type: "bigint", nullable: false),
                    duration_sum_us = table.Column<long>(type: "bigint", nullable: false),
                    located = table.Column<long>(type: "bigint", nullable: false),
                    lat_sum = table.Column<double>(type: "double precision", nullable: false),
                    lon_sum = table.Column<double>(type: "double precision", nullable: false),
                    west = table.Column<long>(type: "bigint", nullable: false),
                    abs_lon_sum = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_usage_rollups", x => new { x.period, x.kind, x.bucket_start, x.app, x.grp, x.bot, x.dim_key });
                });

            migrationBuilder.CreateTable(
                name: "visitor_salts",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    salt = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visitor_salts", x => x.day);
                });

            migrationBuilder.InsertData(
                table: "tracking_rules_version",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ux_dashboard_users_name",
                table: "dashboard_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tracking_endpoints_application",
                table: "tracking_endpoints",
                column: "application");

            migrationBuilder.CreateIndex(
                name: "ux_tracking_rules_target",
                table: "tracking_rules",
                columns: new[] { "application", "scope", "target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_usage_records_id",
                table: "usage_records",
                column: "id")
                .Annotation("Npgsql:IndexMethod", "brin")
                .Annotation("Npgsql:StorageParameter:pages_per_range", 32);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_users");

            migrationBuilder.DropTable(
                name: "tracking_applications");

            migrationBuilder.DropTable(
                name: "tracking_endpoints");

            migrationBuilder.DropTable(
                name: "tracking_rule_audit");

            migrationBuilder.DropTable(
                name: "tracking_rules");

            migrationBuilder.DropTable(
                name: "tracking_rules_version");

            migrationBuilder.DropTable(
                name: "usage_latency_rollups");

            migrationBuilder.DropTable(
                name: "usage_records");

            migrationBuilder.DropTable(
                name: "usage_rollups");

            migrationBuilder.DropTable(
                name: "visitor_salts");
        }
    }
}
