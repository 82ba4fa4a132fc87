-- Operators register and maintain the provider's clients under four eyes (issue 28, R6a: a
-- client receives identities). A request names its client from the start (a registration's
-- client ID is drawn when it is made), so one pending request per client.
CREATE TABLE oidc_client_requests (
    request_id TEXT PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('REGISTER_CLIENT', 'CHANGE_CLIENT', 'ROTATE_CLIENT_SECRET', 'DISABLE_CLIENT', 'ENABLE_CLIENT')),
    client_id TEXT NOT NULL,
    -- The client's version the request was made against: a change applies only to it.
    client_version BIGINT NULL,
    before_value TEXT NULL,
    after_value TEXT NULL,
    -- A rotation: how long the old secret stays valid once the new one is issued.
    grace_seconds BIGINT NULL,
    maker_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'AUTHORISED', 'REJECTED', 'WITHDRAWN', 'STALE')),
    checker_id TEXT NULL,
    reason TEXT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT NULL
);
CREATE INDEX oidc_client_requests_by_status ON oidc_client_requests (status, created_at);
CREATE UNIQUE INDEX oidc_client_requests_one_pending ON oidc_client_requests (client_id) WHERE status = 'PENDING';
