-- Sessions, subjects, codes and tokens of the OpenID Provider (issue 28).

-- A session's stable ID (the `sid` of tokens, kept when its cookie's token rotates), how its
-- log-in completed and when, and the hash of the provider cookie that carries it to the
-- authorization and end-session endpoints on navigations from other sites (SameSite=Lax).
ALTER TABLE sessions ADD COLUMN sid TEXT NULL;
ALTER TABLE sessions ADD COLUMN login_method TEXT NULL;
-- 1 when the passkey of the log-in may be synced to other devices (amr swk, not hwk).
ALTER TABLE sessions ADD COLUMN passkey_synced BIGINT NULL;
ALTER TABLE sessions ADD COLUMN auth_time BIGINT NULL;
ALTER TABLE sessions ADD COLUMN provider_token_hash TEXT NULL;
CREATE UNIQUE INDEX sessions_by_sid ON sessions (sid);
CREATE UNIQUE INDEX sessions_by_provider_token ON sessions (provider_token_hash);

-- The opaque `sub` of a profile or operator: random, given once, never to another (a user ID
-- deleted and used again gets a new one); kept through the cut-over's archive. And the e-mail
-- address a code was last mailed to and typed back from (`email_verified`).
ALTER TABLE profiles ADD COLUMN subject TEXT NULL;
ALTER TABLE profiles ADD COLUMN email_verified TEXT NULL;
CREATE UNIQUE INDEX profiles_by_subject ON profiles (subject);
ALTER TABLE archived_profiles ADD COLUMN subject TEXT NULL;
ALTER TABLE archived_profiles ADD COLUMN email_verified TEXT NULL;
ALTER TABLE operators ADD COLUMN subject TEXT NULL;
ALTER TABLE operators ADD COLUMN email_verified TEXT NULL;
CREATE UNIQUE INDEX operators_by_subject ON operators (subject);

-- An authorization request waiting for the person to log in (the parameters, checked).
CREATE TABLE oidc_authorizations (
    authorization_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    request TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX oidc_authorizations_by_expiry ON oidc_authorizations (expires_at);

-- Authorization codes, as SHA-256: bound to client, redirect URI, PKCE challenge and session;
-- used once.
CREATE TABLE oidc_codes (
    code_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    sid TEXT NOT NULL,
    login_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    nonce TEXT NULL,
    code_challenge TEXT NULL,
    auth_time BIGINT NOT NULL,
    acr TEXT NOT NULL,
    amr TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT NULL
);
CREATE INDEX oidc_codes_by_expiry ON oidc_codes (expires_at);

-- Access and refresh tokens, as SHA-256; each descends from one code (a code used twice
-- revokes them all) and dies with its session.
CREATE TABLE oidc_tokens (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('ACCESS', 'REFRESH')),
    client_id TEXT NOT NULL,
    sid TEXT NOT NULL,
    login_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
);
CREATE INDEX oidc_tokens_by_code ON oidc_tokens (code_hash);
CREATE INDEX oidc_tokens_by_sid ON oidc_tokens (sid);
CREATE INDEX oidc_tokens_by_expiry ON oidc_tokens (expires_at);

-- The clients that got tokens in a session: its end is told to each (back-channel logout).
CREATE TABLE oidc_session_clients (
    sid TEXT NOT NULL,
    client_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    first_at BIGINT NOT NULL,
    PRIMARY KEY (sid, client_id)
);

-- Where each e-mailed code went: typed back, that address is proven (`email_verified`).
ALTER TABLE email_otps ADD COLUMN sent_to TEXT NULL;
