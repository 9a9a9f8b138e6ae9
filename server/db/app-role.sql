-- The two-role setup on PostgreSQL (ARCHITECTURE.md, "Audit log"): the schema belongs to an owner
-- role that runs the migrations (MIGRATION_DATABASE_URL); the app runs as a role (DATABASE_URL)
-- that may read and write the data but not change the schema, and may only add to the audit log.
-- Run once as the owner, after the first migration, with the app's role name:
--   psql "$MIGRATION_DATABASE_URL" -v app=peilstok_app -f server/db/app-role.sql
grant usage on schema public to :"app";
grant select, insert, update, delete on all tables in schema public to :"app";
grant usage, select on all sequences in schema public to :"app";
grant execute on all functions in schema public to :"app";
-- Tables and sequences of later migrations (run by the owner) get the same rights.
alter default privileges in schema public grant select, insert, update, delete on tables to :"app";
alter default privileges in schema public grant usage, select on sequences to :"app";
-- The audit log: read and add only; old entries go through audit_purge(), which runs as the owner.
revoke update, delete, truncate on audit_log from :"app";
