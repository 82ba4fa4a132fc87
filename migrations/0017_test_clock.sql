-- The settable clock of a test server (`--test-clock`, never in production) is kept as its
-- offset from real time, so that a test server killed and started again on the same database
-- resumes the tests' time instead of falling back to today's (issue 26, item 0). A production
-- server never writes or reads this table.
CREATE TABLE test_clock (
    singleton BIGINT PRIMARY KEY CHECK (singleton = 1),
    offset_ms BIGINT NOT NULL
);
