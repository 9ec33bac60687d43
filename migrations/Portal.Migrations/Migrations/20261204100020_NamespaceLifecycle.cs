using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class NamespaceLifecycle : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces",
                column: "name",
                unique: true,
                filter: "deleted_at IS NULL");

            // Who deleted the rules deleted so far is in the audit log (as namespace/group/name, written a moment after the row).
            migrationBuilder.Sql("""
                UPDATE rules r SET deleted_by = (
                    SELECT a.actor FROM audit_events a, rule_groups g, rule_namespaces n
                    WHERE g.id = r.group_id AND n.id = g.namespace_id AND a.action = 'rule.delete'
                      AND a.subject = n.name || '/' || g.name || '/' || r.name
                      AND a.at BETWEEN r.deleted_at - interval '1 minute' AND r.deleted_at + interval '1 minute'
                    ORDER BY a.at DESC LIMIT 1)
                WHERE r.deleted_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces",
                column: "name",
                unique: true);
        }
    }
}
