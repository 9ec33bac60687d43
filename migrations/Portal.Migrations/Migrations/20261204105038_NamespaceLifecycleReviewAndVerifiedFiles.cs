using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class NamespaceLifecycleReviewAndVerifiedFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces");

            migrationBuilder.AddColumn<string>(
                name: "deleted_by",
                table: "rules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "rule_namespaces",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "archived_by",
                table: "rule_namespaces",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "rule_namespaces",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "deleted_by",
                table: "rule_namespaces",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "review_required",
                table: "rule_namespaces",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "change_count",
                table: "releases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

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
                name: "namespace_reviews",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    namespace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    checksum = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_namespace_reviews", x => x.id);
                    table.ForeignKey(
                        name: "FK_namespace_reviews_rule_namespaces_namespace_id",
                        column: x => x.namespace_id,
                        principalTable: "rule_namespaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_namespace_reviews_namespace_id_id",
                table: "namespace_reviews",
                columns: new[] { "namespace_id", "id" });

            // Rules deleted before deleted_by existed: who deleted them is in the audit log.
            migrationBuilder.Sql("""
                UPDATE rules r SET deleted_by = (
                    SELECT a.actor FROM audit_events a, rule_groups g, rule_namespaces n
                    WHERE g.id = r.group_id AND n.id = g.namespace_id AND a.action = 'rule.delete'
                      AND a.subject = n.name || '/' || g.name || '/' || r.name
                      AND a.at BETWEEN r.deleted_at - interval '1 minute' AND r.deleted_at + interval '1 minute'
                    ORDER BY a.at DESC LIMIT 1)
                WHERE r.deleted_at IS NOT NULL;
                """);

            // A release's diff is counted once, so lists need not read it.
            migrationBuilder.Sql("UPDATE releases SET change_count = jsonb_array_length(changes);");

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
                LEFT JOIN rule_namespaces n ON n.name = f.namespace AND n.deleted_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "namespace_reviews");

            migrationBuilder.DropTable(
                name: "target_files");

            migrationBuilder.DropIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces");

            migrationBuilder.DropColumn(
                name: "deleted_by",
                table: "rules");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "rule_namespaces");

            migrationBuilder.DropColumn(
                name: "archived_by",
                table: "rule_namespaces");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "rule_namespaces");

            migrationBuilder.DropColumn(
                name: "deleted_by",
                table: "rule_namespaces");

            migrationBuilder.DropColumn(
                name: "review_required",
                table: "rule_namespaces");

            migrationBuilder.DropColumn(
                name: "change_count",
                table: "releases");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "releases");

            migrationBuilder.DropColumn(
                name: "namespaces",
                table: "release_targets");

            migrationBuilder.CreateIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces",
                column: "name",
                unique: true);
        }
    }
}
