-- The legacy smartcard log-in (R25), modelled: the card's PIN, hashed like a password; the SRN
-- and the certificate's expiry date are on the profile already (R4).
ALTER TABLE credentials ADD COLUMN smartcard_pin_hash TEXT NULL;
