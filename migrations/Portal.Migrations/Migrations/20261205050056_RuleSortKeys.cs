using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RuleSortKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "group_position",
                table: "rules",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "namespace_name",
                table: "rules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The rules list sorts by namespace name and group position; copied onto the rule row, that order is one
            // index scan that stops after a page instead of a join of three tables sorted in full. Triggers keep the
            // copies right whoever writes (the store, an import, a hand-typed UPDATE): a rule inserted or moved to
            // another group reads them from its group; a group moved or a namespace renamed pushes them to its rules.
            migrationBuilder.Sql("""
                UPDATE rules r SET namespace_name = n.name, group_position = g.position
                FROM rule_groups g JOIN rule_namespaces n ON n.id = g.namespace_id
                WHERE g.id = r.group_id;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION rules_copy_sort_keys() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    ns_name text;
                    g_position integer;
                BEGIN
                    SELECT n.name, g.position INTO ns_name, g_position
                    FROM rule_groups g JOIN rule_namespaces n ON n.id = g.namespace_id
                    WHERE g.id = NEW.group_id;
                    -- No such group: leave the row as it is, so that the foreign key reports the real problem.
                    IF FOUND THEN
                        NEW.namespace_name := ns_name;
                        NEW.group_position := g_position;
                    END IF;
                    RETURN NEW;
                END;
                $$;
                """);
            // Listing the copies themselves means nobody can set them to anything but the truth.
            migrationBuilder.Sql("""
                CREATE TRIGGER rules_sort_keys
                    BEFORE INSERT OR UPDATE OF group_id, namespace_name, group_position ON rules
                    FOR EACH ROW EXECUTE FUNCTION rules_copy_sort_keys();
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION rule_groups_push_sort_keys() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE rules r SET namespace_name = n.name, group_position = NEW.position
                    FROM rule_namespaces n
                    WHERE n.id = NEW.namespace_id AND r.group_id = NEW.id
                      AND (r.namespace_name IS DISTINCT FROM n.name OR r.group_position IS DISTINCT FROM NEW.position);
                    RETURN NULL;
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER rule_groups_sort_keys
                    AFTER UPDATE OF position, namespace_id ON rule_groups
                    FOR EACH ROW
                    WHEN (OLD.position IS DISTINCT FROM NEW.position OR OLD.namespace_id IS DISTINCT FROM NEW.namespace_id)
                    EXECUTE FUNCTION rule_groups_push_sort_keys();
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION rule_namespaces_push_sort_keys() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE rules r SET namespace_name = NEW.name
                    FROM rule_groups g
                    WHERE g.namespace_id = NEW.id AND r.group_id = g.id AND r.namespace_name IS DISTINCT FROM NEW.name;
                    RETURN NULL;
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER rule_namespaces_sort_keys
                    AFTER UPDATE OF name ON rule_namespaces
                    FOR EACH ROW
                    WHEN (OLD.name IS DISTINCT FROM NEW.name)
                    EXECUTE FUNCTION rule_namespaces_push_sort_keys();
                """);

            // One index per order RuleStore.ListAsync offers, column for column with its ORDER BY (the id last, so
            // that pages never overlap); a descending order is the same index read backwards, except where the
            // name tiebreak stays ascending. Only live rules: every list query asks for deleted_at IS NULL.
            migrationBuilder.Sql("""
                CREATE INDEX ix_rules_sort_position ON rules (namespace_name, group_position, group_id, position, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_name ON rules (name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_severity ON rules (severity, name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_severity_desc ON rules (severity DESC, name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_findings ON rules ((error_count * 1000 + warning_count), name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_findings_desc ON rules ((error_count * 1000 + warning_count) DESC, name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_fires ON rules ((fires_per_week IS NULL), fires_per_week, name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_fires_desc ON rules ((fires_per_week IS NULL), fires_per_week DESC, name, id) WHERE deleted_at IS NULL;
                CREATE INDEX ix_rules_sort_updated ON rules (updated_at, id) WHERE deleted_at IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_rules_sort_position, ix_rules_sort_name, ix_rules_sort_severity, ix_rules_sort_severity_desc,
                    ix_rules_sort_findings, ix_rules_sort_findings_desc, ix_rules_sort_fires, ix_rules_sort_fires_desc, ix_rules_sort_updated;
                DROP TRIGGER IF EXISTS rule_namespaces_sort_keys ON rule_namespaces;
                DROP TRIGGER IF EXISTS rule_groups_sort_keys ON rule_groups;
                DROP TRIGGER IF EXISTS rules_sort_keys ON rules;
                DROP FUNCTION IF EXISTS rule_namespaces_push_sort_keys();
                DROP FUNCTION IF EXISTS rule_groups_push_sort_keys();
                DROP FUNCTION IF EXISTS rules_copy_sort_keys();
                """);
            migrationBuilder.DropColumn(
                name: "group_position",
                table: "rules");

            migrationBuilder.DropColumn(
                name: "namespace_name",
                table: "rules");
        }
    }
}
