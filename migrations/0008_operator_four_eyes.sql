-- Operators under four eyes (R6a): an operator's request that could take over or wipe accounts
-- (a DA's e-mail, creating or deleting a DA, a phase move, adding or removing an operator)
-- takes effect only when a second operator approves it. One pending request per subject.
CREATE TABLE operator_requests (
    request_id TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('CREATE_DA', 'DELETE_DA', 'SET_DA_EMAIL', 'MOVE_PHASE', 'ADD_OPERATOR', 'REMOVE_OPERATOR')),
    -- What it acts on: a DA's or an operator's ID, or MIGRATION_PHASE.
    subject TEXT NOT NULL,
    -- JSON: what the subject is now, and what the request makes it.
    before_value TEXT NULL,
    after_value TEXT NULL,
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN', 'STALE')),
    checker_id TEXT NULL,
    reason TEXT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
CREATE INDEX operator_requests_by_status ON operator_requests (status, created_at);
CREATE UNIQUE INDEX operator_requests_one_pending ON operator_requests (subject) WHERE status = 'PENDING';
