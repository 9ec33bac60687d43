using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class VerifiedTargetFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "scope",
                table: "releases",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "namespaces",
                table: "release_targets",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateTable(
                name: "target_files",
                columns: table => new
                {
                    target = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "text", nullable: false),
                    team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    checksum = table.Column<string>(type: "text", nullable: false),
                    release = table.Column<long>(type: "bigint", nullable: false),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_target_files", x => new { x.target, x.@namespace });
                });

            // Releases made before scoping changed every namespace: their scope is their files.
            migrationBuilder.Sql("""
                UPDATE releases r SET scope = COALESCE(
                    (SELECT array_agg(f.namespace ORDER BY f.namespace) FROM release_files f WHERE f.release_number = r.number), '{}');
                """);

            // What each target verifiably holds: the files of its newest release that went live there
            // (a release waiting for a reload is not verified, and a rolled-back one never held).
            migrationBuilder.Sql("""
                INSERT INTO target_files (target, namespace, team, file_name, content, checksum, release, verified_at)
                SELECT t.target, f.namespace, COALESCE(n.team, ''), f.file_name, f.content, f.checksum, t.release_number, t.at
                FROM (SELECT DISTINCT ON (target) target, release_number, at FROM release_targets
                      WHERE outcome = 'Live' ORDER BY target, release_number DESC) t
                JOIN release_files f ON f.release_number = t.release_number
                LEFT JOIN rule_namespaces n ON n.name = f.namespace;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "target_files");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "releases");

            migrationBuilder.DropColumn(
                name: "namespaces",
                table: "release_targets");
        }
    }
}
