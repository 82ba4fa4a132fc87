-- Per participant, set by an operator and off by default (issue 26, item 6b): a checker who
-- authorises at another DA's screen gives, beside the Authorization Code, a one-time password
-- of their own second factor, so that a code seen once is not a code kept.
CREATE TABLE participant_checker_policies (
    participant_id TEXT PRIMARY KEY,
    second_factor_at_screen BIGINT NOT NULL,
    set_by TEXT NOT NULL,
    set_at BIGINT NOT NULL
);
