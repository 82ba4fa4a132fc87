-- The relying parties the clearing house registers (issue 28). Redirect URIs are kept as
-- written: the authorization endpoint compares them to the letter.
CREATE TABLE oidc_clients (
    client_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('CONFIDENTIAL', 'PUBLIC')),
    -- Space-separated, always with openid.
    scopes TEXT NOT NULL,
    -- The lowest acr it accepts; NULL: any.
    min_acr TEXT NULL,
    id_token_alg TEXT NOT NULL CHECK (id_token_alg IN ('RS256', 'ES256')),
    backchannel_logout_uri TEXT NULL,
    -- Where the launcher opens it.
    start_url TEXT NULL,
    enabled BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    version BIGINT NOT NULL
);

CREATE TABLE oidc_client_uris (
    client_id TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('REDIRECT', 'POST_LOGOUT')),
    uri TEXT NOT NULL,
    PRIMARY KEY (client_id, purpose, uri)
);

-- A confidential client's secrets, as SHA-256: the newest, and while a rotation's grace lasts
-- the one before it (valid_until set when it was replaced).
CREATE TABLE oidc_client_secrets (
    secret_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    valid_until BIGINT NULL
);
CREATE INDEX oidc_client_secrets_by_client ON oidc_client_secrets (client_id);
