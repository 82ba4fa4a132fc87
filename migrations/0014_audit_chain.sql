-- A tamper-evident audit trail: each event carries its place in one chain and the hash of the
-- previous event's hash with its own fields, so a changed, removed or inserted event breaks the
-- chain from there on. Events are chained when the change that wrote them commits (the head row
-- below serialises that step); events from before this migration are chained at start-up.
ALTER TABLE audit_events ADD COLUMN seq BIGINT NULL;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NULL;
ALTER TABLE audit_events ADD COLUMN hash TEXT NULL;
CREATE UNIQUE INDEX audit_events_by_seq ON audit_events (seq);

CREATE TABLE audit_chain_head (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (1, 0, 'GENESIS');
