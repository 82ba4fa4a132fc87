-- Back-Channel Logout (issue 28): a session that ended, told to each client that got tokens in
-- it. Written when the session's last row is gone, whatever ended it; delivered by a sender at
-- least once, retried with backoff; the logout token is signed when it is sent.
CREATE TABLE oidc_logouts (
    -- The logout token's jti: the same on every attempt.
    logout_id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    sid TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    -- An instance sending it holds it until then.
    claimed_until BIGINT NULL,
    delivered_at BIGINT NULL,
    abandoned_at BIGINT NULL,
    last_error TEXT NULL
);
CREATE INDEX oidc_logouts_due ON oidc_logouts (next_attempt_at);
CREATE INDEX sessions_by_created ON sessions (created_at);
