-- Wrong Authorization Codes are counted per pair: the DA at whose screen the code was typed and
-- the checker it names (issue 26). A maker can then block only their own screen for that
-- checker, never the checker's own session or the other makers' screens. Five codes at most are
-- judged in a window of 15 minutes; `failures` counts the codes judged or being judged.
CREATE TABLE authorisation_code_attempts (
    typed_by TEXT NOT NULL,
    checker_id TEXT NOT NULL,
    failures BIGINT NOT NULL,
    window_started_at BIGINT NOT NULL,
    blocked_until BIGINT NULL,
    PRIMARY KEY (typed_by, checker_id)
);

-- A count or block in force at the upgrade held at every screen: it is carried to each DA of
-- the checker's participant (the checker's own session included), as it was.
INSERT INTO authorisation_code_attempts (typed_by, checker_id, failures, window_started_at, blocked_until)
SELECT d.user_id, f.checker_id, f.failures, f.first_failed_at, f.blocked_until
FROM authorisation_code_failures f
JOIN profiles c ON c.user_id = f.checker_id
JOIN profiles d ON d.participant_id = c.participant_id AND d.da_role IS NOT NULL;

DROP TABLE authorisation_code_failures;
