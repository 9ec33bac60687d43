CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123125626_Initial') THEN
    CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY,
        at timestamp with time zone NOT NULL,
        actor character varying(200) NOT NULL,
        action character varying(100) NOT NULL,
        subject character varying(400) NOT NULL,
        detail jsonb,
        CONSTRAINT "PK_audit_events" PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123125626_Initial') THEN
    CREATE INDEX "IX_audit_events_at" ON audit_events (at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123125626_Initial') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123125626_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE TABLE rule_namespaces (
        id uuid NOT NULL,
        name character varying(200) NOT NULL,
        team character varying(200) NOT NULL,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT "PK_rule_namespaces" PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE TABLE rule_groups (
        id uuid NOT NULL,
        namespace_id uuid NOT NULL,
        name character varying(400) NOT NULL,
        interval_ms bigint,
        "limit" integer,
        position integer NOT NULL,
        CONSTRAINT "PK_rule_groups" PRIMARY KEY (id),
        CONSTRAINT "FK_rule_groups_rule_namespaces_namespace_id" FOREIGN KEY (namespace_id) REFERENCES rule_namespaces (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE TABLE rules (
        id uuid NOT NULL,
        group_id uuid NOT NULL,
        position integer NOT NULL,
        kind character varying(20) NOT NULL,
        name character varying(400) NOT NULL,
        expr_head text NOT NULL,
        threshold_text text,
        expr_tail text NOT NULL,
        threshold_query text,
        threshold_operator text,
        threshold double precision,
        expression text GENERATED ALWAYS AS (expr_head || coalesce(threshold_text, '') || expr_tail) STORED NOT NULL,
        for_ms bigint,
        keep_firing_for_ms bigint,
        labels jsonb NOT NULL,
        annotations jsonb NOT NULL,
        enabled boolean NOT NULL,
        severity text,
        error_count integer NOT NULL,
        warning_count integer NOT NULL,
        fires_per_week double precision,
        version_number integer NOT NULL,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by text NOT NULL,
        deleted_at timestamp with time zone,
        CONSTRAINT "PK_rules" PRIMARY KEY (id),
        CONSTRAINT "FK_rules_rule_groups_group_id" FOREIGN KEY (group_id) REFERENCES rule_groups (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE TABLE rule_versions (
        id bigint GENERATED ALWAYS AS IDENTITY,
        rule_id uuid NOT NULL,
        number integer NOT NULL,
        snapshot jsonb NOT NULL,
        actor text NOT NULL,
        at timestamp with time zone NOT NULL,
        reason text,
        CONSTRAINT "PK_rule_versions" PRIMARY KEY (id),
        CONSTRAINT "FK_rule_versions_rules_rule_id" FOREIGN KEY (rule_id) REFERENCES rules (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE TABLE threshold_changes (
        id bigint GENERATED ALWAYS AS IDENTITY,
        rule_id uuid NOT NULL,
        old double precision,
        new double precision NOT NULL,
        operator text NOT NULL,
        actor text NOT NULL,
        at timestamp with time zone NOT NULL,
        reason text,
        expected_alerts_per_week double precision,
        CONSTRAINT "PK_threshold_changes" PRIMARY KEY (id),
        CONSTRAINT "FK_threshold_changes_rules_rule_id" FOREIGN KEY (rule_id) REFERENCES rules (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE UNIQUE INDEX "IX_rule_groups_namespace_id_name" ON rule_groups (namespace_id, name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE UNIQUE INDEX "IX_rule_namespaces_name" ON rule_namespaces (name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE UNIQUE INDEX "IX_rule_versions_rule_id_number" ON rule_versions (rule_id, number);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE INDEX ix_rules_expression_trgm ON rules USING gin (expression gin_trgm_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE INDEX "IX_rules_group_id_position" ON rules (group_id, position);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE INDEX ix_rules_name_trgm ON rules USING gin (name gin_trgm_ops);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE INDEX "IX_rules_severity" ON rules (severity);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    CREATE INDEX "IX_threshold_changes_rule_id_at" ON threshold_changes (rule_id, at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123134935_Catalog') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123134935_Catalog', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    CREATE TABLE releases (
        number bigint NOT NULL,
        at timestamp with time zone NOT NULL,
        actor character varying(200) NOT NULL,
        note text,
        rollback_of bigint,
        held_back text[] NOT NULL,
        changes jsonb NOT NULL,
        rule_versions jsonb NOT NULL,
        CONSTRAINT "PK_releases" PRIMARY KEY (number)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    CREATE TABLE release_files (
        id bigint GENERATED ALWAYS AS IDENTITY,
        release_number bigint NOT NULL,
        namespace text NOT NULL,
        file_name text NOT NULL,
        content text NOT NULL,
        checksum text NOT NULL,
        CONSTRAINT "PK_release_files" PRIMARY KEY (id),
        CONSTRAINT "FK_release_files_releases_release_number" FOREIGN KEY (release_number) REFERENCES releases (number) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    CREATE TABLE release_targets (
        id bigint GENERATED ALWAYS AS IDENTITY,
        release_number bigint NOT NULL,
        target character varying(200) NOT NULL,
        outcome character varying(20) NOT NULL,
        detail text,
        at timestamp with time zone NOT NULL,
        attempts integer NOT NULL,
        CONSTRAINT "PK_release_targets" PRIMARY KEY (id),
        CONSTRAINT "FK_release_targets_releases_release_number" FOREIGN KEY (release_number) REFERENCES releases (number) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    CREATE UNIQUE INDEX "IX_release_files_release_number_file_name" ON release_files (release_number, file_name);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    CREATE UNIQUE INDEX "IX_release_targets_release_number_target" ON release_targets (release_number, target);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    CREATE INDEX "IX_release_targets_target_outcome" ON release_targets (target, outcome);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123161020_Publishing') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123161020_Publishing', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123164404_AuditAppendOnly') THEN
    CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123164404_AuditAppendOnly') THEN
    CREATE TRIGGER audit_events_append_only
        BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123164404_AuditAppendOnly') THEN
    CREATE TRIGGER audit_events_no_truncate
        BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123164404_AuditAppendOnly') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123164404_AuditAppendOnly', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165616_PublishTargets') THEN
    CREATE TABLE publish_targets (
        name character varying(63) NOT NULL,
        url text NOT NULL,
        rules_directory text NOT NULL,
        file_prefix character varying(40) NOT NULL,
        created_at timestamp with time zone NOT NULL,
        created_by character varying(200) NOT NULL,
        CONSTRAINT "PK_publish_targets" PRIMARY KEY (name)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165616_PublishTargets') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123165616_PublishTargets', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE roles (
        "Id" text NOT NULL,
        "Name" character varying(256),
        "NormalizedName" character varying(256),
        "ConcurrencyStamp" text,
        CONSTRAINT "PK_roles" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE users (
        "Id" text NOT NULL,
        "UserName" character varying(256),
        "NormalizedUserName" character varying(256),
        "Email" character varying(256),
        "NormalizedEmail" character varying(256),
        "EmailConfirmed" boolean NOT NULL,
        "PasswordHash" text,
        "SecurityStamp" text,
        "ConcurrencyStamp" text,
        "PhoneNumber" text,
        "PhoneNumberConfirmed" boolean NOT NULL,
        "TwoFactorEnabled" boolean NOT NULL,
        "LockoutEnd" timestamp with time zone,
        "LockoutEnabled" boolean NOT NULL,
        "AccessFailedCount" integer NOT NULL,
        CONSTRAINT "PK_users" PRIMARY KEY ("Id")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE role_claims (
        "Id" integer GENERATED BY DEFAULT AS IDENTITY,
        "RoleId" text NOT NULL,
        "ClaimType" text,
        "ClaimValue" text,
        CONSTRAINT "PK_role_claims" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_role_claims_roles_RoleId" FOREIGN KEY ("RoleId") REFERENCES roles ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE user_claims (
        "Id" integer GENERATED BY DEFAULT AS IDENTITY,
        "UserId" text NOT NULL,
        "ClaimType" text,
        "ClaimValue" text,
        CONSTRAINT "PK_user_claims" PRIMARY KEY ("Id"),
        CONSTRAINT "FK_user_claims_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE user_logins (
        "LoginProvider" text NOT NULL,
        "ProviderKey" text NOT NULL,
        "ProviderDisplayName" text,
        "UserId" text NOT NULL,
        CONSTRAINT "PK_user_logins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
        CONSTRAINT "FK_user_logins_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE user_roles (
        "UserId" text NOT NULL,
        "RoleId" text NOT NULL,
        CONSTRAINT "PK_user_roles" PRIMARY KEY ("UserId", "RoleId"),
        CONSTRAINT "FK_user_roles_roles_RoleId" FOREIGN KEY ("RoleId") REFERENCES roles ("Id") ON DELETE CASCADE,
        CONSTRAINT "FK_user_roles_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE TABLE user_tokens (
        "UserId" text NOT NULL,
        "LoginProvider" text NOT NULL,
        "Name" text NOT NULL,
        "Value" text,
        CONSTRAINT "PK_user_tokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
        CONSTRAINT "FK_user_tokens_users_UserId" FOREIGN KEY ("UserId") REFERENCES users ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE INDEX "IX_role_claims_RoleId" ON role_claims ("RoleId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE UNIQUE INDEX "RoleNameIndex" ON roles ("NormalizedName");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE INDEX "IX_user_claims_UserId" ON user_claims ("UserId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE INDEX "IX_user_logins_UserId" ON user_logins ("UserId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE INDEX "IX_user_roles_RoleId" ON user_roles ("RoleId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE INDEX "EmailIndex" ON users ("NormalizedEmail");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    CREATE UNIQUE INDEX "UserNameIndex" ON users ("NormalizedUserName");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123165949_Identity') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123165949_Identity', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123172718_ApiTokens') THEN
    CREATE TABLE api_tokens (
        id uuid NOT NULL,
        user_id text NOT NULL,
        name character varying(100) NOT NULL,
        hash character varying(64) NOT NULL,
        hint text NOT NULL,
        created_at timestamp with time zone NOT NULL,
        last_used_at timestamp with time zone,
        revoked_at timestamp with time zone,
        CONSTRAINT "PK_api_tokens" PRIMARY KEY (id),
        CONSTRAINT "FK_api_tokens_users_user_id" FOREIGN KEY (user_id) REFERENCES users ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123172718_ApiTokens') THEN
    CREATE UNIQUE INDEX "IX_api_tokens_hash" ON api_tokens (hash);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123172718_ApiTokens') THEN
    CREATE INDEX "IX_api_tokens_user_id" ON api_tokens (user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123172718_ApiTokens') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123172718_ApiTokens', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123184925_TeamsAndAuditOrigin') THEN
    ALTER TABLE audit_events ADD client_address character varying(64);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123184925_TeamsAndAuditOrigin') THEN
    ALTER TABLE audit_events ADD source character varying(10);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123184925_TeamsAndAuditOrigin') THEN
    CREATE TABLE teams (
        name character varying(63) NOT NULL,
        description character varying(300),
        created_at timestamp with time zone NOT NULL,
        created_by character varying(200) NOT NULL,
        CONSTRAINT "PK_teams" PRIMARY KEY (name)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123184925_TeamsAndAuditOrigin') THEN
    INSERT INTO teams (name, description, created_at, created_by)
    SELECT DISTINCT left(t.name, 63), NULL::varchar, now(), 'migration'
    FROM (SELECT team AS name FROM rule_namespaces
          UNION SELECT "ClaimValue" FROM user_claims WHERE "ClaimType" = 'portal:team') AS t
    WHERE t.name IS NOT NULL AND t.name <> ''
    ON CONFLICT DO NOTHING;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261123184925_TeamsAndAuditOrigin') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261123184925_TeamsAndAuditOrigin', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204020137_UserSessions') THEN
    CREATE TABLE user_sessions (
        id character varying(64) NOT NULL,
        user_id text NOT NULL,
        created_at timestamp with time zone NOT NULL,
        ended_at timestamp with time zone,
        CONSTRAINT "PK_user_sessions" PRIMARY KEY (id),
        CONSTRAINT "FK_user_sessions_users_user_id" FOREIGN KEY (user_id) REFERENCES users ("Id") ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204020137_UserSessions') THEN
    CREATE INDEX "IX_user_sessions_user_id" ON user_sessions (user_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204020137_UserSessions') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204020137_UserSessions', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    DROP INDEX "IX_rule_namespaces_name";
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE rules ADD deleted_by character varying(200);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE rule_namespaces ADD archived_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE rule_namespaces ADD archived_by character varying(200);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE rule_namespaces ADD deleted_at timestamp with time zone;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE rule_namespaces ADD deleted_by character varying(200);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE rule_namespaces ADD review_required boolean NOT NULL DEFAULT FALSE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE releases ADD change_count integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE releases ADD scope text[] NOT NULL DEFAULT ('{}'::text[]);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    ALTER TABLE release_targets ADD namespaces jsonb NOT NULL DEFAULT ('[]'::jsonb);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    CREATE TABLE namespace_reviews (
        id bigint GENERATED ALWAYS AS IDENTITY,
        namespace_id uuid NOT NULL,
        decision character varying(20) NOT NULL,
        checksum character varying(64) NOT NULL,
        actor character varying(200) NOT NULL,
        at timestamp with time zone NOT NULL,
        comment character varying(2000),
        CONSTRAINT "PK_namespace_reviews" PRIMARY KEY (id),
        CONSTRAINT "FK_namespace_reviews_rule_namespaces_namespace_id" FOREIGN KEY (namespace_id) REFERENCES rule_namespaces (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    CREATE TABLE target_files (
        target character varying(63) NOT NULL,
        namespace text NOT NULL,
        team character varying(200) NOT NULL,
        file_name text NOT NULL,
        content text NOT NULL,
        checksum text NOT NULL,
        release bigint NOT NULL,
        verified_at timestamp with time zone NOT NULL,
        CONSTRAINT "PK_target_files" PRIMARY KEY (target, namespace)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    CREATE UNIQUE INDEX "IX_rule_namespaces_name" ON rule_namespaces (name) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    CREATE INDEX "IX_namespace_reviews_namespace_id_id" ON namespace_reviews (namespace_id, id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    UPDATE rules r SET deleted_by = (
        SELECT a.actor FROM audit_events a, rule_groups g, rule_namespaces n
        WHERE g.id = r.group_id AND n.id = g.namespace_id AND a.action = 'rule.delete'
          AND a.subject = n.name || '/' || g.name || '/' || r.name
          AND a.at BETWEEN r.deleted_at - interval '1 minute' AND r.deleted_at + interval '1 minute'
        ORDER BY a.at DESC LIMIT 1)
    WHERE r.deleted_at IS NOT NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    UPDATE releases SET change_count = jsonb_array_length(changes);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    UPDATE releases r SET scope = COALESCE(
        (SELECT array_agg(f.namespace ORDER BY f.namespace) FROM release_files f WHERE f.release_number = r.number), '{}');
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    INSERT INTO target_files (target, namespace, team, file_name, content, checksum, release, verified_at)
    SELECT t.target, f.namespace, COALESCE(n.team, ''), f.file_name, f.content, f.checksum, t.release_number, t.at
    FROM (SELECT DISTINCT ON (target) target, release_number, at FROM release_targets
          WHERE outcome = 'Live' ORDER BY target, release_number DESC) t
    JOIN release_files f ON f.release_number = t.release_number
    LEFT JOIN rule_namespaces n ON n.name = f.namespace AND n.deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204105038_NamespaceLifecycleReviewAndVerifiedFiles') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204105038_NamespaceLifecycleReviewAndVerifiedFiles', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE OR REPLACE FUNCTION runbook_tags_text(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    ALTER TABLE rules ADD runbook_id uuid;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE TABLE runbook_templates (
        name character varying(80) NOT NULL,
        description character varying(500) NOT NULL,
        body text NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_runbook_templates" PRIMARY KEY (name)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE TABLE runbooks (
        id uuid NOT NULL,
        slug character varying(80) NOT NULL,
        title character varying(200) NOT NULL,
        tags text[] NOT NULL,
        team character varying(63) NOT NULL,
        body text NOT NULL,
        review_interval_days integer,
        last_reviewed_at timestamp with time zone,
        last_reviewed_by character varying(200),
        revision integer NOT NULL,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        deleted_at timestamp with time zone,
        deleted_by character varying(200),
        search_vector tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, runbook_tags_text(tags)), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')) STORED,
        CONSTRAINT "PK_runbooks" PRIMARY KEY (id),
        CONSTRAINT "FK_runbooks_teams_team" FOREIGN KEY (team) REFERENCES teams (name) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE TABLE runbook_redirects (
        slug character varying(80) NOT NULL,
        runbook_id uuid NOT NULL,
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT "PK_runbook_redirects" PRIMARY KEY (slug),
        CONSTRAINT "FK_runbook_redirects_runbooks_runbook_id" FOREIGN KEY (runbook_id) REFERENCES runbooks (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE TABLE runbook_revisions (
        id bigint GENERATED ALWAYS AS IDENTITY,
        runbook_id uuid NOT NULL,
        number integer NOT NULL,
        at timestamp with time zone NOT NULL,
        by character varying(200) NOT NULL,
        reason character varying(500),
        slug character varying(80) NOT NULL,
        title character varying(200) NOT NULL,
        tags text[] NOT NULL,
        team character varying(63) NOT NULL,
        body text NOT NULL,
        CONSTRAINT "PK_runbook_revisions" PRIMARY KEY (id),
        CONSTRAINT "FK_runbook_revisions_runbooks_runbook_id" FOREIGN KEY (runbook_id) REFERENCES runbooks (id) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE INDEX "IX_rules_runbook_id" ON rules (runbook_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE INDEX "IX_runbook_redirects_runbook_id" ON runbook_redirects (runbook_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE UNIQUE INDEX "IX_runbook_revisions_runbook_id_number" ON runbook_revisions (runbook_id, number);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE INDEX ix_runbooks_search_vector ON runbooks USING gin (search_vector);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE UNIQUE INDEX "IX_runbooks_slug" ON runbooks (slug) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE INDEX ix_runbooks_tags ON runbooks USING gin (tags);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    CREATE INDEX "IX_runbooks_team" ON runbooks (team);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    ALTER TABLE rules ADD CONSTRAINT "FK_rules_runbooks_runbook_id" FOREIGN KEY (runbook_id) REFERENCES runbooks (id) ON DELETE SET NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204163431_Runbooks') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204163431_Runbooks', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    CREATE TABLE capacity_models (
        id uuid NOT NULL,
        team character varying(63) NOT NULL,
        name character varying(100) NOT NULL,
        usage_query character varying(10000) NOT NULL,
        limit_value double precision,
        limit_query character varying(10000),
        unit character varying(30) NOT NULL,
        warning double precision NOT NULL,
        critical double precision NOT NULL,
        marks jsonb NOT NULL,
        description character varying(2000),
        runbook_slug character varying(80),
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_capacity_models" PRIMARY KEY (id),
        CONSTRAINT ck_capacity_models_limit CHECK ((limit_value IS NULL) <> (limit_query IS NULL) AND (limit_value IS NULL OR limit_value > 0)),
        CONSTRAINT "FK_capacity_models_teams_team" FOREIGN KEY (team) REFERENCES teams (name) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    CREATE TABLE memory_budgets (
        id uuid NOT NULL,
        team character varying(63) NOT NULL,
        name character varying(100) NOT NULL,
        total_value double precision,
        total_query character varying(10000),
        reserve_bytes double precision NOT NULL,
        components jsonb NOT NULL,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_memory_budgets" PRIMARY KEY (id),
        CONSTRAINT "FK_memory_budgets_teams_team" FOREIGN KEY (team) REFERENCES teams (name) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    CREATE TABLE service_baselines (
        id uuid NOT NULL,
        team character varying(63) NOT NULL,
        service character varying(100) NOT NULL,
        latency_p95_query character varying(10000) NOT NULL,
        target_p95_seconds double precision NOT NULL,
        throughput_query character varying(10000) NOT NULL,
        target_per_second double precision NOT NULL,
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_service_baselines" PRIMARY KEY (id),
        CONSTRAINT "FK_service_baselines_teams_team" FOREIGN KEY (team) REFERENCES teams (name) ON DELETE RESTRICT
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    CREATE INDEX "IX_capacity_models_team" ON capacity_models (team);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    CREATE INDEX "IX_memory_budgets_team" ON memory_budgets (team);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    CREATE INDEX "IX_service_baselines_team" ON service_baselines (team);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195448_Capacity') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204195448_Capacity', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195650_RunbookTitleVector') THEN
    ALTER TABLE runbooks ADD title_vector tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(title, ''))) STORED;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204195650_RunbookTitleVector') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204195650_RunbookTitleVector', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE TABLE incident_templates (
        key character varying(80) NOT NULL,
        name character varying(200) NOT NULL,
        description character varying(500) NOT NULL,
        body text NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_incident_templates" PRIMARY KEY (key)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE TABLE incidents (
        id uuid NOT NULL,
        number bigint GENERATED ALWAYS AS IDENTITY,
        title character varying(200) NOT NULL,
        status character varying(20) NOT NULL,
        severity character varying(50) NOT NULL,
        team character varying(63),
        template_key character varying(80) NOT NULL,
        body text NOT NULL,
        started_at timestamp with time zone NOT NULL,
        resolved_at timestamp with time zone,
        alert_name character varying(1024),
        rule_facts jsonb,
        alert_facts jsonb,
        chart jsonb,
        revision integer NOT NULL,
        created_at timestamp with time zone NOT NULL,
        created_by character varying(200) NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        search_vector tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')) STORED,
        CONSTRAINT "PK_incidents" PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE TABLE severity_levels (
        name character varying(50) NOT NULL,
        description character varying(500) NOT NULL,
        expected_response_seconds bigint NOT NULL,
        label_values text[] NOT NULL,
        rank integer NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_severity_levels" PRIMARY KEY (name)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE TABLE incident_actions (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        text character varying(2000) NOT NULL,
        owner character varying(200),
        due date,
        status character varying(20) NOT NULL,
        is_open boolean NOT NULL,
        link character varying(2000),
        created_at timestamp with time zone NOT NULL,
        updated_at timestamp with time zone NOT NULL,
        updated_by character varying(200) NOT NULL,
        CONSTRAINT "PK_incident_actions" PRIMARY KEY (id),
        CONSTRAINT "FK_incident_actions_incidents_incident_id" FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE TABLE incident_revisions (
        id bigint GENERATED ALWAYS AS IDENTITY,
        incident_id uuid NOT NULL,
        number integer NOT NULL,
        at timestamp with time zone NOT NULL,
        by character varying(200) NOT NULL,
        reason character varying(500),
        title character varying(200) NOT NULL,
        status character varying(20) NOT NULL,
        severity character varying(50) NOT NULL,
        body text NOT NULL,
        CONSTRAINT "PK_incident_revisions" PRIMARY KEY (id),
        CONSTRAINT "FK_incident_revisions_incidents_incident_id" FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE TABLE incident_timeline (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        at timestamp with time zone NOT NULL,
        kind character varying(20) NOT NULL,
        text character varying(10000) NOT NULL,
        automatic boolean NOT NULL,
        by character varying(200),
        created_at timestamp with time zone NOT NULL,
        CONSTRAINT "PK_incident_timeline" PRIMARY KEY (id),
        CONSTRAINT "FK_incident_timeline_incidents_incident_id" FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX "IX_incident_actions_incident_id" ON incident_actions (incident_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX ix_incident_actions_open_due ON incident_actions (due, created_at) WHERE is_open;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE UNIQUE INDEX "IX_incident_revisions_incident_id_number" ON incident_revisions (incident_id, number);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX "IX_incident_timeline_incident_id_at" ON incident_timeline (incident_id, at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE UNIQUE INDEX "IX_incidents_number" ON incidents (number);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX ix_incidents_search_vector ON incidents USING gin (search_vector);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX ix_incidents_severity_started_at ON incidents (severity, started_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX ix_incidents_started_at ON incidents (started_at, number);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX ix_incidents_status_started_at ON incidents (status, started_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    CREATE INDEX ix_incidents_team_started_at ON incidents (team, started_at);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261204223444_Incidents') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261204223444_Incidents', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205013508_Cluster') THEN
    CREATE TABLE data_protection_keys (
        id integer GENERATED BY DEFAULT AS IDENTITY,
        friendly_name text,
        xml text,
        CONSTRAINT "PK_data_protection_keys" PRIMARY KEY (id)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205013508_Cluster') THEN
    CREATE TABLE replicas (
        name character varying(200) NOT NULL,
        url character varying(500),
        version character varying(50) NOT NULL,
        started_at timestamp with time zone NOT NULL,
        last_seen timestamp with time zone NOT NULL,
        CONSTRAINT "PK_replicas" PRIMARY KEY (name)
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205013508_Cluster') THEN
    CREATE INDEX "IX_replicas_last_seen" ON replicas (last_seen);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205013508_Cluster') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261205013508_Cluster', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050052_IncidentDismissedAlerts') THEN
    CREATE TABLE incident_dismissed_alerts (
        id uuid NOT NULL,
        incident_id uuid NOT NULL,
        at timestamp with time zone NOT NULL,
        kind character varying(20) NOT NULL,
        text character varying(10000) NOT NULL,
        dismissed_at timestamp with time zone NOT NULL,
        CONSTRAINT "PK_incident_dismissed_alerts" PRIMARY KEY (id),
        CONSTRAINT "FK_incident_dismissed_alerts_incidents_incident_id" FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050052_IncidentDismissedAlerts') THEN
    CREATE INDEX "IX_incident_dismissed_alerts_incident_id" ON incident_dismissed_alerts (incident_id);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050052_IncidentDismissedAlerts') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261205050052_IncidentDismissedAlerts', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    ALTER TABLE rules ADD group_position integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    ALTER TABLE rules ADD namespace_name character varying(200) NOT NULL DEFAULT '';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    UPDATE rules r SET namespace_name = n.name, group_position = g.position
    FROM rule_groups g JOIN rule_namespaces n ON n.id = g.namespace_id
    WHERE g.id = r.group_id;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
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
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    CREATE TRIGGER rules_sort_keys
        BEFORE INSERT OR UPDATE OF group_id, namespace_name, group_position ON rules
        FOR EACH ROW EXECUTE FUNCTION rules_copy_sort_keys();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
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
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    CREATE TRIGGER rule_groups_sort_keys
        AFTER UPDATE OF position, namespace_id ON rule_groups
        FOR EACH ROW
        WHEN (OLD.position IS DISTINCT FROM NEW.position OR OLD.namespace_id IS DISTINCT FROM NEW.namespace_id)
        EXECUTE FUNCTION rule_groups_push_sort_keys();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    CREATE OR REPLACE FUNCTION rule_namespaces_push_sort_keys() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE rules r SET namespace_name = NEW.name
        FROM rule_groups g
        WHERE g.namespace_id = NEW.id AND r.group_id = g.id AND r.namespace_name IS DISTINCT FROM NEW.name;
        RETURN NULL;
    END;
    $$;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    CREATE TRIGGER rule_namespaces_sort_keys
        AFTER UPDATE OF name ON rule_namespaces
        FOR EACH ROW
        WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION rule_namespaces_push_sort_keys();
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    CREATE INDEX ix_rules_sort_position ON rules (namespace_name, group_position, group_id, position, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_name ON rules (name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_severity ON rules (severity, name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_severity_desc ON rules (severity DESC, name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_findings ON rules ((error_count * 1000 + warning_count), name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_findings_desc ON rules ((error_count * 1000 + warning_count) DESC, name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_fires ON rules ((fires_per_week IS NULL), fires_per_week, name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_fires_desc ON rules ((fires_per_week IS NULL), fires_per_week DESC, name, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_sort_updated ON rules (updated_at, id) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205050056_RuleSortKeys') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261205050056_RuleSortKeys', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205083441_RuleKindIndexes') THEN
    CREATE INDEX ix_rules_kind_position ON rules (kind, namespace_name, group_position, group_id, position, id) WHERE deleted_at IS NULL;
    CREATE INDEX ix_rules_kind_name ON rules (kind, name, id) WHERE deleted_at IS NULL;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261205083441_RuleKindIndexes') THEN
    INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
    VALUES ('20261205083441_RuleKindIndexes', '10.0.15');
    END IF;
END $EF$;
COMMIT;

