-- Two-factor log-in (R17-R24): e-mailed OTPs, password-reset tickets, the device being
-- registered, recovery codes, and the local mailbox used when no SMTP server is configured.

-- One live code per person and purpose: a new one replaces the old (R23).
CREATE TABLE email_otps (
    login_id TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('PASSWORD_RESET', 'LOGIN', 'CHANNEL_SWITCH')),
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (login_id, purpose)
);

-- Proof that the reset OTP was right, good for one password change within minutes.
CREATE TABLE password_reset_tickets (
    ticket_hash TEXT PRIMARY KEY,
    login_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- The secret of a device being registered, until a code from it proves the scan worked.
ALTER TABLE credentials ADD COLUMN totp_pending_secret TEXT NULL;

CREATE TABLE recovery_codes (
    login_id TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    used_at BIGINT NULL,
    PRIMARY KEY (login_id, code_hash)
);

-- The log-in before this session's, shown on the home page.
ALTER TABLE sessions ADD COLUMN previous_login_at BIGINT NULL;
ALTER TABLE sessions ADD COLUMN previous_login_method TEXT NULL;

CREATE TABLE dev_mailbox (
    mail_id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL
);
