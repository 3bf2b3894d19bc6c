-- Consent checked with Microsoft: the last check of each tenant (whatever its outcome) and the
-- tenant's GUID as Microsoft reported it; a connection keeps that GUID and a mark when a check
-- found it broken (consent withdrawn, permissions removed).

-- verified_at stays the gate for connecting; a failed check clears it.
ALTER TABLE consent_verifications ALTER COLUMN verified_at DROP NOT NULL;
ALTER TABLE consent_verifications ADD COLUMN checked_at timestamptz;
ALTER TABLE consent_verifications ADD COLUMN last_verified boolean;
ALTER TABLE consent_verifications ADD COLUMN last_error text;
ALTER TABLE consent_verifications ADD COLUMN last_aadsts text;
ALTER TABLE consent_verifications ADD COLUMN tenant_guid text;
UPDATE consent_verifications SET checked_at = verified_at, last_verified = true;
ALTER TABLE consent_verifications ALTER COLUMN checked_at SET NOT NULL;
ALTER TABLE consent_verifications ALTER COLUMN last_verified SET NOT NULL;

ALTER TABLE connections ADD COLUMN tenant_guid text;
ALTER TABLE connections ADD COLUMN attention_error text;
ALTER TABLE connections ADD COLUMN attention_since timestamptz;
ALTER TABLE connections ADD CONSTRAINT connections_attention_whole
  CHECK ((attention_error IS NULL) = (attention_since IS NULL));
