-- Maker-checker in full (R7-R10): a request keeps its before and after, its deadline and the
-- reason it was rejected; it can also expire or go stale. A SQLite CHECK cannot be altered, so
-- the table is rebuilt and every existing request carried across (its payload is its "after").
CREATE TABLE change_requests_v2 (
    request_id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (participant_id),
    target_user_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('CREATE', 'CHANGE', 'DELETE', 'UNLOCK', 'RESET_SOFT_TOKEN')),
    -- JSON of the DA-maintained fields: before (NULL for CREATE) and after (NULL unless CREATE or CHANGE).
    before_fields TEXT NULL,
    after_fields TEXT NULL,
    base_version BIGINT NULL,
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'STALE')),
    checker_id TEXT NULL,
    reason TEXT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
INSERT INTO change_requests_v2 (request_id, participant_id, target_user_id, action, before_fields,
    after_fields, base_version, maker_id, status, checker_id, reason, created_at, expires_at, decided_at)
    SELECT request_id, participant_id, target_user_id, action, NULL, payload, base_version, maker_id,
        status, checker_id, NULL, created_at, created_at + 604800000, decided_at
    FROM change_requests;
DROP TABLE change_requests;
ALTER TABLE change_requests_v2 RENAME TO change_requests;
CREATE INDEX change_requests_by_participant ON change_requests (participant_id, status, created_at);
CREATE INDEX change_requests_by_deadline ON change_requests (status, expires_at);
-- R8: at most one pending request per profile ("already pending checker approval").
CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (target_user_id) WHERE status = 'PENDING';

-- R9: each checker's key, from which each month's Authorisation Code is derived; the code
-- itself is never stored.
ALTER TABLE credentials ADD COLUMN authorisation_key TEXT NULL;

-- Wrong Authorisation Codes, counted per checker apart from the log-in lock (a maker types
-- them, so a maker must not be able to lock a checker out of log-in).
CREATE TABLE authorisation_code_failures (
    checker_id TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    first_failed_at BIGINT NOT NULL,
    blocked_until BIGINT NULL
);

-- The participant an event concerns, so a DA reads their own participant's trail. Earlier
-- events get it from their subject's or actor's ID (an operator's has a hyphen: none).
ALTER TABLE audit_events ADD COLUMN participant_id TEXT NULL;
UPDATE audit_events SET participant_id = substr(subject, 1, 6)
    WHERE subject IS NOT NULL AND length(subject) = 8 AND subject NOT LIKE '%-%';
UPDATE audit_events SET participant_id = substr(actor, 1, 6)
    WHERE participant_id IS NULL AND length(actor) = 8 AND actor NOT LIKE '%-%';
CREATE INDEX audit_events_by_participant ON audit_events (participant_id, at);
