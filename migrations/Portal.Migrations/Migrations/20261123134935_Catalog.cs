using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Catalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "rule_namespaces",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_namespaces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rule_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    namespace_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    interval_ms = table.Column<long>(type: "bigint", nullable: true),
                    limit = table.Column<int>(type: "integer", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_groups", x => x.id);
                    table.ForeignKey(
                        name: "FK_rule_groups_rule_namespaces_namespace_id",
                        column: x => x.namespace_id,
                        principalTable: "rule_namespaces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    expr_head = table.Column<string>(type: "text", nullable: false),
                    threshold_text = table.Column<string>(type: "text", nullable: true),
                    expr_tail = table.Column<string>(type: "text", nullable: false),
                    threshold_query = table.Column<string>(type: "text", nullable: true),
                    threshold_operator = table.Column<string>(type: "text", nullable: true),
                    threshold = table.Column<double>(type: "double precision", nullable: true),
                    expression = table.Column<string>(type: "text", nullable: false, computedColumnSql: "expr_head || coalesce(threshold_text, '') || expr_tail", stored: true),
                    for_ms = table.Column<long>(type: "bigint", nullable: true),
                    keep_firing_for_ms = table.Column<long>(type: "bigint", nullable: true),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    annotations = table.Column<string>(type: "jsonb", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: true),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    warning_count = table.Column<int>(type: "integer", nullable: false),
                    fires_per_week = table.Column<double>(type: "double precision", nullable: true),
                    version_number = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rules", x => x.id);
                    table.ForeignKey(
                        name: "FK_rules_rule_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "rule_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rule_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_rule_versions_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "threshold_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    old = table.Column<double>(type: "double precision", nullable: true),
                    @new = table.Column<double>(name: "new", type: "double precision", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    expected_alerts_per_week = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_threshold_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_threshold_changes_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rule_groups_namespace_id_name",
                table: "rule_groups",
                columns: new[] { "namespace_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rule_namespaces_name",
                table: "rule_namespaces",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rule_versions_rule_id_number",
                table: "rule_versions",
                columns: new[] { "rule_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rules_expression_trgm",
                table: "rules",
                column: "expression")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_rules_group_id_position",
                table: "rules",
                columns: new[] { "group_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_rules_name_trgm",
                table: "rules",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_rules_severity",
                table: "rules",
                column: "severity");

            migrationBuilder.CreateIndex(
                name: "IX_threshold_changes_rule_id_at",
                table: "threshold_changes",
                columns: new[] { "rule_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rule_versions");

            migrationBuilder.DropTable(
                name: "threshold_changes");

            migrationBuilder.DropTable(
                name: "rules");

            migrationBuilder.DropTable(
                name: "rule_groups");

            migrationBuilder.DropTable(
                name: "rule_namespaces");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
