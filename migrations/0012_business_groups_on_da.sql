-- R16 (seed 4.3): after the cut-over a DA's profile may receive a user's business user groups,
-- asked by a DA maker and authorised by a DA checker. The request keeps the groups before and
-- after; the CHECK on its action widens, which SQLite can only do by rebuilding the table, so
-- every request is carried across.
CREATE TABLE change_requests_v3 (
    request_id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (participant_id),
    target_user_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('CREATE', 'CHANGE', 'DELETE', 'UNLOCK', 'RESET_SOFT_TOKEN', 'ADD_BUSINESS_GROUPS')),
    before_fields TEXT NULL,
    after_fields TEXT NULL,
    base_version BIGINT NULL,
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'STALE')),
    checker_id TEXT NULL,
    reason TEXT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_at BIGINT NULL,
    -- ADD_BUSINESS_GROUPS only: the DA's groups before and after, comma separated.
    groups_before TEXT NULL,
    groups_after TEXT NULL
);
INSERT INTO change_requests_v3 (request_id, participant_id, target_user_id, action, before_fields,
    after_fields, base_version, maker_id, status, checker_id, reason, created_at, expires_at, decided_at)
    SELECT request_id, participant_id, target_user_id, action, before_fields, after_fields,
        base_version, maker_id, status, checker_id, reason, created_at, expires_at, decided_at
    FROM change_requests;
DROP TABLE change_requests;
ALTER TABLE change_requests_v3 RENAME TO change_requests;
CREATE INDEX change_requests_by_participant ON change_requests (participant_id, status, created_at);
CREATE INDEX change_requests_by_deadline ON change_requests (status, expires_at);
CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (target_user_id) WHERE status = 'PENDING';
