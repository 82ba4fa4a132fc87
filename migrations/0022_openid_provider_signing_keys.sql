-- The OpenID Provider's signing keys (issue 28): the private key is PKCS#8, sealed with the
-- secrets key ring like every secret at rest. A key is STAGED (published in the JWKS, signs
-- nothing), ACTIVE (published, signs its algorithm's tokens), PREVIOUS (published, signs no
-- more: tokens it signed can still be checked) or RETIRED (gone from the JWKS).
CREATE TABLE oidc_signing_keys (
    kid TEXT PRIMARY KEY,
    alg TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256')),
    state TEXT NOT NULL CHECK (state IN ('STAGED', 'ACTIVE', 'PREVIOUS', 'RETIRED')),
    private_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    promoted_at BIGINT NULL,
    replaced_at BIGINT NULL,
    retired_at BIGINT NULL
);
-- One key signs each algorithm: instances starting together make one, not two.
CREATE UNIQUE INDEX oidc_signing_keys_one_active ON oidc_signing_keys (alg) WHERE state = 'ACTIVE';
