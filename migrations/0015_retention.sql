-- Retention (Hong Kong's Personal Data (Privacy) Ordinance: kept no longer than needed): a purge
-- may remove the oldest audit events; the chain then starts after the last one removed, whose
-- place and hash stay here so that what remains still verifies.
ALTER TABLE audit_chain_head ADD COLUMN base_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain_head ADD COLUMN base_hash TEXT NOT NULL DEFAULT 'GENESIS';
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX archived_profiles_by_archived_at ON archived_profiles (archived_at);
