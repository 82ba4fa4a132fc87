-- Passkeys (WebAuthn) as a second factor (issue 17). One row per credential; a login may hold
-- several. `passkey` is webauthn-rs's record of it (public key, sign counter, backup flags) as
-- JSON; the counter and flags are copied into columns for the listing and the audit.
CREATE TABLE passkeys (
    credential_id TEXT PRIMARY KEY,
    login_id TEXT NOT NULL,
    name TEXT NOT NULL,
    passkey TEXT NOT NULL,
    sign_count BIGINT NOT NULL DEFAULT 0,
    backup_eligible BIGINT NOT NULL DEFAULT 0,
    backup_state BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NULL
);
CREATE INDEX passkeys_by_login ON passkeys (login_id);

-- A WebAuthn ceremony under way: its challenge and state, kept between the request that starts
-- it and the one that finishes it (on whichever instance), one per session, for minutes.
CREATE TABLE passkey_ceremonies (
    session_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('REGISTER', 'AUTHENTICATE')),
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A log-in may now complete with a passkey: the CHECK on a profile's last log-in method widens,
-- which SQLite can only do by rebuilding the table; every profile is carried across whole.
CREATE TABLE profiles_v2 (
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
    last_login_method TEXT NULL CHECK (last_login_method IN ('SMARTCARD', 'APP_OTP', 'EMAIL_OTP', 'RECOVERY_CODE', 'PASSKEY')),
    first_two_factor_login_at BIGINT NULL
);
INSERT INTO profiles_v2 (user_id, participant_id, kind, da_role, status, surname, other_names,
    email, enable_from, disable_after, clearing_houses, business_user_groups, access_levels, srn,
    certificate_expiry, version, created_at, updated_at, last_login_at, last_login_method,
    first_two_factor_login_at)
    SELECT user_id, participant_id, kind, da_role, status, surname, other_names, email,
        enable_from, disable_after, clearing_houses, business_user_groups, access_levels, srn,
        certificate_expiry, version, created_at, updated_at, last_login_at, last_login_method,
        first_two_factor_login_at
    FROM profiles;
DROP TABLE profiles;
ALTER TABLE profiles_v2 RENAME TO profiles;
CREATE INDEX profiles_by_participant_and_id ON profiles (participant_id, user_id);

-- Which second factors a participant's users may use (issue 17). Without a row: the seed's
-- choice of the app or e-mail (and passkeys); an operator may refuse e-mail OTP.
CREATE TABLE participant_factor_policies (
    participant_id TEXT PRIMARY KEY REFERENCES participants (participant_id),
    email_otp_allowed BIGINT NOT NULL,
    set_by TEXT NOT NULL,
    set_at BIGINT NOT NULL
);

-- A half session whose e-mailed code was right while the participant refuses e-mail OTP: it may
-- register an app or a passkey in its place, and nothing else.
ALTER TABLE sessions ADD COLUMN email_proven_at BIGINT NULL;
