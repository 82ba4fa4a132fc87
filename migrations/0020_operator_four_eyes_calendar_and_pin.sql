-- Two more operator actions go under four eyes (issue 26, item 7): replacing the holiday
-- calendar, which opens and closes the DMS for every participant, and resetting a DA's
-- smartcard PIN, whose new PIN only the approving operator sees. The CHECK on the action widens,
-- which SQLite can only do by rebuilding the table, so every request is carried across.
CREATE TABLE operator_requests_v4 (
    request_id TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('CREATE_DA', 'DELETE_DA', 'SET_DA_EMAIL', 'MOVE_PHASE', 'ADD_OPERATOR', 'REMOVE_OPERATOR', 'RESTORE_PROFILE', 'ADD_DA_FUNCTIONS', 'REPLACE_HOLIDAYS', 'RESET_CARD_PIN')),
    subject TEXT NOT NULL,
    before_value TEXT NULL,
    after_value TEXT NULL,
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN', 'STALE')),
    checker_id TEXT NULL,
    reason TEXT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
INSERT INTO operator_requests_v4 (request_id, action, subject, before_value, after_value, maker_id,
    status, checker_id, reason, created_at, decided_at)
    SELECT request_id, action, subject, before_value, after_value, maker_id, status, checker_id,
        reason, created_at, decided_at
    FROM operator_requests;
DROP TABLE operator_requests;
ALTER TABLE operator_requests_v4 RENAME TO operator_requests;
CREATE INDEX operator_requests_by_status ON operator_requests (status, created_at);
CREATE UNIQUE INDEX operator_requests_one_pending ON operator_requests (subject) WHERE status = 'PENDING';
