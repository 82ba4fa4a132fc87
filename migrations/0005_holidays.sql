-- R11: Hong Kong's general holidays, on which the DMS does not serve. Loaded at first start from
-- the copy the server ships; the operator replaces them in a later issue.
CREATE TABLE holidays (
    day TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
