using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Capacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "capacity_models",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    usage_query = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    limit_value = table.Column<double>(type: "double precision", nullable: true),
                    limit_query = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    unit = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    warning = table.Column<double>(type: "double precision", nullable: false),
                    critical = table.Column<double>(type: "double precision", nullable: false),
                    marks = table.Column<string>(type: "jsonb", nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    runbook_slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_capacity_models", x => x.id);
                    table.CheckConstraint("ck_capacity_models_limit", "(limit_value IS NULL) <> (limit_query IS NULL) AND (limit_value IS NULL OR limit_value > 0)");
                    table.ForeignKey(
                        name: "FK_capacity_models_teams_team",
                        column: x => x.team,
                        principalTable: "teams",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "memory_budgets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    total_value = table.Column<double>(type: "double precision", nullable: true),
                    total_query = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    reserve_bytes = table.Column<double>(type: "double precision", nullable: false),
                    components = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_memory_budgets", x => x.id);
                    table.ForeignKey(
                        name: "FK_memory_budgets_teams_team",
                        column: x => x.team,
                        principalTable: "teams",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_baselines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    latency_p95_query = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    target_p95_seconds = table.Column<double>(type: "double precision", nullable: false),
                    throughput_query = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    target_per_second = table.Column<double>(type: "double precision", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_baselines", x => x.id);
                    table.ForeignKey(
                        name: "FK_service_baselines_teams_team",
                        column: x => x.team,
                        principalTable: "teams",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_capacity_models_team",
                table: "capacity_models",
                column: "team");

            migrationBuilder.CreateIndex(
                name: "IX_memory_budgets_team",
                table: "memory_budgets",
                column: "team");

            migrationBuilder.CreateIndex(
                name: "IX_service_baselines_team",
                table: "service_baselines",
                column: "team");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "capacity_models");

            migrationBuilder.DropTable(
                name: "memory_budgets");

            migrationBuilder.DropTable(
                name: "service_baselines");
        }
    }
}
