-- The roles of docs/operations.md ("Two database roles"), for compose.yaml.
-- Change the passwords. The owner (POSTGRES_USER) runs the migrations.
CREATE ROLE samenplan_app LOGIN PASSWORD 'app';
CREATE ROLE replicator LOGIN REPLICATION PASSWORD 'replica';
GRANT USAGE ON SCHEMA public TO samenplan_app;
ALTER DEFAULT PRIVILEGES FOR ROLE samenplan_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samenplan_app;
ALTER DEFAULT PRIVILEGES FOR ROLE samenplan_owner IN SCHEMA public
    GRANT USAGE ON SEQUENCES TO samenplan_app;
-- The migrate service revokes UPDATE, DELETE and TRUNCATE on the audit table after each migration.
