using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class TeamsAndAuditOrigin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client_address",
                table: "audit_events",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "audit_events",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => x.name);
                });

            // Teams were names on namespaces and users until now: each name in use becomes a team.
            migrationBuilder.Sql("""
                INSERT INTO teams (name, description, created_at, created_by)
                SELECT DISTINCT left(t.name, 63), NULL::varchar, now(), 'migration'
                FROM (SELECT team AS name FROM rule_namespaces
                      UNION SELECT "ClaimValue" FROM user_claims WHERE "ClaimType" = 'portal:team') AS t
                WHERE t.name IS NOT NULL AND t.name <> ''
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropColumn(
                name: "client_address",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "source",
                table: "audit_events");
        }
    }
}
