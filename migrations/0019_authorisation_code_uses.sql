-- A checker's code typed at another DA's screen to authorise a request or an e-mail batch
-- (issue 26, item 6): the checker is mailed at once and sees each use on their Get
-- Authorisation Code page, from which they can renew the code (the old one dies).
CREATE TABLE authorisation_code_uses (
    checker_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    typed_by TEXT NOT NULL,
    -- A request's action (CREATE, CHANGE, ...) or EMAIL_BATCH.
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    used_at BIGINT NOT NULL,
    PRIMARY KEY (checker_id, request_id)
);
CREATE INDEX authorisation_code_uses_by_checker ON authorisation_code_uses (checker_id, used_at);

-- When the checker last renewed their code: uses before it are of a code that no longer works.
ALTER TABLE credentials ADD COLUMN authorisation_key_renewed_at BIGINT NULL;
