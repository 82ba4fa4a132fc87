-- The cut-over to POST_PARALLEL (R15) and the readiness report (R29).

-- R29 counts who has logged in by 2FA at least once: the last log-in's method alone forgets a
-- 2FA log-in followed by a smartcard one. Earlier log-ins are read back from the audit trail's
-- completed log-ins (its detail is the method), then from the last log-in.
ALTER TABLE profiles ADD COLUMN first_two_factor_login_at BIGINT NULL;
UPDATE profiles SET first_two_factor_login_at = (
    SELECT MIN(a.at) FROM audit_events a
    WHERE a.participant_id = profiles.participant_id AND a.actor = profiles.user_id
      AND a.action = 'LOGIN_COMPLETED' AND a.detail IN ('APP_OTP', 'EMAIL_OTP', 'RECOVERY_CODE'));
UPDATE profiles SET first_two_factor_login_at = last_login_at
    WHERE first_two_factor_login_at IS NULL
      AND last_login_method IN ('APP_OTP', 'EMAIL_OTP', 'RECOVERY_CODE');

-- R15: a profile removed at the cut-over for want of an e-mail, kept whole (profile and
-- credentials as they were) so that an operator can restore it; its requests and audit events
-- stay where they are, under its user ID. A DA who creates the same user ID again instead
-- marks the entry REPLACED.
CREATE TABLE archived_profiles (
    archive_id TEXT PRIMARY KEY,
    -- The approved phase move that archived it.
    request_id TEXT NOT NULL,
    archived_at BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('ARCHIVED', 'RESTORED', 'REPLACED')),
    state_changed_at BIGINT NULL,
    -- The profile's columns.
    user_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    da_role TEXT NULL,
    status TEXT NOT NULL,
    surname TEXT NOT NULL,
    other_names TEXT NOT NULL,
    email TEXT NULL,
    enable_from TEXT NOT NULL,
    disable_after TEXT NULL,
    clearing_houses TEXT NOT NULL,
    business_user_groups TEXT NOT NULL,
    access_levels TEXT NOT NULL,
    srn TEXT NULL,
    certificate_expiry TEXT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_login_at BIGINT NULL,
    last_login_method TEXT NULL,
    first_two_factor_login_at BIGINT NULL,
    -- Its credentials' columns (NULL when it had none).
    password_hash TEXT NULL,
    password_changed_at BIGINT NULL,
    otp_channel TEXT NULL,
    totp_secret TEXT NULL,
    totp_last_step BIGINT NULL,
    failed_attempts BIGINT NULL,
    locked_at BIGINT NULL,
    language TEXT NULL,
    authorisation_key TEXT NULL,
    smartcard_pin_hash TEXT NULL
);
CREATE INDEX archived_profiles_by_participant ON archived_profiles (participant_id, user_id);
CREATE INDEX archived_profiles_by_request ON archived_profiles (request_id);
-- A user ID is archived at most once at a time.
CREATE UNIQUE INDEX archived_profiles_one_open ON archived_profiles (user_id) WHERE state = 'ARCHIVED';

-- Restoring an archived profile is a four-eyes request: the CHECK on the action widens, which
-- SQLite can only do by rebuilding the table; every request is carried across.
CREATE TABLE operator_requests_v2 (
    request_id TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('CREATE_DA', 'DELETE_DA', 'SET_DA_EMAIL', 'MOVE_PHASE', 'ADD_OPERATOR', 'REMOVE_OPERATOR', 'RESTORE_PROFILE')),
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
INSERT INTO operator_requests_v2 (request_id, action, subject, before_value, after_value, maker_id,
    status, checker_id, reason, created_at, decided_at)
    SELECT request_id, action, subject, before_value, after_value, maker_id, status, checker_id,
        reason, created_at, decided_at
    FROM operator_requests;
DROP TABLE operator_requests;
ALTER TABLE operator_requests_v2 RENAME TO operator_requests;
CREATE INDEX operator_requests_by_status ON operator_requests (status, created_at);
CREATE UNIQUE INDEX operator_requests_one_pending ON operator_requests (subject) WHERE status = 'PENDING';
