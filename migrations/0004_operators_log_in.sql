-- Operators log in with password + OTP like everyone (issue 7). Their IDs take a hyphen, which
-- no participant's ID can (R1–R3), so one credentials table holds both without collision; and
-- they keep the log-in before this one, as profiles do.
ALTER TABLE operators ADD COLUMN last_login_at BIGINT NULL;
ALTER TABLE operators ADD COLUMN last_login_method TEXT NULL;

-- The demo loaded its operator as HKEXOP01, a form a user of a participant HKEXOP could take.
-- Its password and history move with it; a session it held ends.
UPDATE credentials SET login_id = 'HKEX-OP01'
    WHERE login_id = 'HKEXOP01' AND EXISTS (SELECT 1 FROM operators WHERE operator_id = 'HKEXOP01');
UPDATE password_history SET login_id = 'HKEX-OP01'
    WHERE login_id = 'HKEXOP01' AND EXISTS (SELECT 1 FROM operators WHERE operator_id = 'HKEXOP01');
DELETE FROM sessions
    WHERE login_id = 'HKEXOP01' AND EXISTS (SELECT 1 FROM operators WHERE operator_id = 'HKEXOP01');
UPDATE operators SET operator_id = 'HKEX-OP01' WHERE operator_id = 'HKEXOP01';
