-- Bulk e-mail registration (beyond the seed): a DA maker's file of user IDs and e-mails, the
-- valid rows one batch that a DA checker authorises once; each row is judged again when the
-- batch is applied, and keeps its before, its after and its outcome.
CREATE TABLE email_batches (
    batch_id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (participant_id),
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')),
    checker_id TEXT NULL,
    reason TEXT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
CREATE INDEX email_batches_by_participant ON email_batches (participant_id, status, created_at);
CREATE INDEX email_batches_by_deadline ON email_batches (status, expires_at);

CREATE TABLE email_batch_rows (
    batch_id TEXT NOT NULL REFERENCES email_batches (batch_id),
    -- The row's line in the file.
    line BIGINT NOT NULL,
    user_id TEXT NOT NULL,
    before_email TEXT NULL,
    after_email TEXT NOT NULL,
    base_version BIGINT NOT NULL,
    outcome TEXT NULL CHECK (outcome IN ('APPLIED', 'STALE', 'PENDING')),
    PRIMARY KEY (batch_id, line)
);
-- R8: whether a profile is in a pending batch, asked for every profile a request touches.
CREATE INDEX email_batch_rows_by_user ON email_batch_rows (user_id);
