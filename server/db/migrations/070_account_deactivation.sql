-- A deactivated account keeps its row (and what it wrote) but can no longer log in; deactivating
-- also deletes its sessions. Null: active.
alter table accounts add column deactivated_at timestamptz null;

-- Expired sessions are deleted at every login and periodically (server/auth/session.ts).
create index sessions_expires_at on sessions (expires_at);
