using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Runbooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search vector is a generated column, which takes IMMUTABLE functions only; array_to_string is
            // marked STABLE (element output functions in general may depend on settings), but for text[] it is not.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION runbook_tags_text(tags text[]) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$;
                """);

            migrationBuilder.AddColumn<Guid>(
                name: "runbook_id",
                table: "rules",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "runbook_templates",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runbook_templates", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "runbooks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    team = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    review_interval_days = table.Column<int>(type: "integer", nullable: true),
                    last_reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_reviewed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deleted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true, computedColumnSql: "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, runbook_tags_text(tags)), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runbooks", x => x.id);
                    table.ForeignKey(
                        name: "FK_runbooks_teams_team",
                        column: x => x.team,
                        principalTable: "teams",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "runbook_redirects",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    runbook_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runbook_redirects", x => x.slug);
                    table.ForeignKey(
                        name: "FK_runbook_redirects_runbooks_runbook_id",
                        column: x => x.runbook_id,
                        principalTable: "runbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "runbook_revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    runbook_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    team = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runbook_revisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_runbook_revisions_runbooks_runbook_id",
                        column: x => x.runbook_id,
                        principalTable: "runbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rules_runbook_id",
                table: "rules",
                column: "runbook_id");

            migrationBuilder.CreateIndex(
                name: "IX_runbook_redirects_runbook_id",
                table: "runbook_redirects",
                column: "runbook_id");

            migrationBuilder.CreateIndex(
                name: "IX_runbook_revisions_runbook_id_number",
                table: "runbook_revisions",
                columns: new[] { "runbook_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_runbooks_search_vector",
                table: "runbooks",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_runbooks_slug",
                table: "runbooks",
                column: "slug",
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_runbooks_tags",
                table: "runbooks",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_runbooks_team",
                table: "runbooks",
                column: "team");

            migrationBuilder.AddForeignKey(
                name: "FK_rules_runbooks_runbook_id",
                table: "rules",
                column: "runbook_id",
                principalTable: "runbooks",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_rules_runbooks_runbook_id",
                table: "rules");

            migrationBuilder.DropTable(
                name: "runbook_redirects");

            migrationBuilder.DropTable(
                name: "runbook_revisions");

            migrationBuilder.DropTable(
                name: "runbook_templates");

            migrationBuilder.DropTable(
                name: "runbooks");

            migrationBuilder.DropIndex(
                name: "IX_rules_runbook_id",
                table: "rules");

            migrationBuilder.DropColumn(
                name: "runbook_id",
                table: "rules");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS runbook_tags_text(text[]);");
        }
    }
}
