-- Security of the log-in (R26a-R26d): the mail outbox, attempt budgets shared by every server
-- instance, failures of unknown IDs, the reader's language, and the age of a pending device.

-- Mail is recorded here in the transaction of the change that causes it and delivered by a
-- background sender (at least once; the Message-ID is stable, so a duplicate is recognisable).
-- A delivered or abandoned row keeps no body, so no OTP stays in the database.
CREATE TABLE mail_outbox (
    mail_id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    login_id TEXT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NULL,
    html_body TEXT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_owner TEXT NULL,
    lease_until BIGINT NULL,
    last_error TEXT NULL,
    delivered_at BIGINT NULL,
    abandoned_at BIGINT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (delivered_at, abandoned_at, next_attempt_at);
CREATE INDEX mail_outbox_by_login ON mail_outbox (login_id, kind, created_at);

-- Fixed one-window counters per budget key (user ID and address, address, user ID).
CREATE TABLE attempt_budgets (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- Wrong passwords and codes for IDs that have no account, counted like a real account's so that
-- the answers are the same (R26c). Old rows are forgotten.
CREATE TABLE unknown_login_failures (
    login_id TEXT PRIMARY KEY,
    failed_attempts BIGINT NOT NULL,
    last_failed_at BIGINT NOT NULL,
    locked_at BIGINT NULL
);
CREATE INDEX unknown_login_failures_by_age ON unknown_login_failures (last_failed_at);

-- The language a person last used, for notices (R26d); NULL sends both.
ALTER TABLE credentials ADD COLUMN language TEXT NULL;
-- When the pending device was started; an old one can no longer be activated.
ALTER TABLE credentials ADD COLUMN totp_pending_at BIGINT NULL;
