-- The foundation schema (R4). Portable between SQLite and PostgreSQL: TEXT and BIGINT only;
-- every *_at column holds Unix time in milliseconds; dates are ISO 'YYYY-MM-DD' (Hong Kong).

CREATE TABLE participants (
    participant_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('CLEARING', 'CUSTODIAN', 'STOCK_PLEDGEE', 'CLEARING_AGENCY', 'DESIGNATED_BANK')),
    -- R27: a settlement agent's users are maintained by this principal's DA.
    principal_participant_id TEXT NULL REFERENCES participants (participant_id)
);

-- User and DA profiles: the "Change User Profile - Detail" screen.
CREATE TABLE profiles (
    user_id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (participant_id),
    kind TEXT NOT NULL CHECK (kind IN ('USER', 'DA')),
    da_role TEXT NULL CHECK (da_role IN ('MAKER', 'CHECKER')),
    status TEXT NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
    surname TEXT NOT NULL,
    other_names TEXT NOT NULL,
    email TEXT NULL,
    enable_from TEXT NOT NULL,
    disable_after TEXT NULL,
    clearing_houses TEXT NOT NULL,
    business_user_groups TEXT NOT NULL DEFAULT '',
    access_levels TEXT NOT NULL DEFAULT '',
    srn TEXT NULL,
    certificate_expiry TEXT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_login_at BIGINT NULL,
    last_login_method TEXT NULL CHECK (last_login_method IN ('SMARTCARD', 'APP_OTP', 'EMAIL_OTP', 'RECOVERY_CODE'))
);
CREATE INDEX profiles_by_participant ON profiles (participant_id);

-- The clearing house's own staff (HKEX), who maintain DA profiles and the migration phase.
CREATE TABLE operators (
    operator_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NULL,
    status TEXT NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
    created_at BIGINT NOT NULL
);

-- Secrets of a profile or operator, apart from the profile so listings never read them.
CREATE TABLE credentials (
    login_id TEXT PRIMARY KEY,
    password_hash TEXT NULL,
    password_changed_at BIGINT NULL,
    otp_channel TEXT NULL CHECK (otp_channel IN ('APP', 'EMAIL')),
    totp_secret TEXT NULL,
    totp_last_step BIGINT NULL,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    locked_at BIGINT NULL
);

CREATE TABLE password_history (
    login_id TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    set_at BIGINT NOT NULL
);
CREATE INDEX password_history_by_login ON password_history (login_id, set_at);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    login_id TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('PASSWORD_VERIFIED', 'AUTHENTICATED')),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_login ON sessions (login_id);

-- Maker-checker (R7, R8): a DA maker's request, effective only once a checker authorises it.
CREATE TABLE change_requests (
    request_id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (participant_id),
    target_user_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('CREATE', 'CHANGE', 'DELETE', 'UNLOCK', 'RESET_SOFT_TOKEN')),
    payload TEXT NOT NULL,
    base_version BIGINT NULL,
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN')),
    checker_id TEXT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
CREATE INDEX change_requests_by_participant ON change_requests (participant_id, status);

CREATE TABLE audit_events (
    event_id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_by_time ON audit_events (at);

-- One row: the migration phase (R12), moved forward only by the operator.
CREATE TABLE system_state (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    migration_phase TEXT NOT NULL CHECK (migration_phase IN ('PRE_PARALLEL', 'PARALLEL', 'POST_PARALLEL')),
    phase_changed_at BIGINT NOT NULL
);
INSERT INTO system_state (singleton, migration_phase, phase_changed_at) VALUES (1, 'PRE_PARALLEL', 0);
