-- The reference server's schema. One server serves many consoles (a vendor's customers): every
-- key starts with console_id, and no query reads or writes across consoles.

CREATE TABLE consoles (
  console_id text PRIMARY KEY,
  -- Head of the console's audit chain: the last sequence number and its hash.
  audit_seq bigint NOT NULL DEFAULT 0,
  audit_head text NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
  -- Time of the last event: the next one is never earlier.
  audit_at timestamptz,
  -- When the first pending summary of client reports is due (see client_event_windows).
  summary_due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX consoles_summary_due ON consoles (summary_due_at) WHERE summary_due_at IS NOT NULL;

CREATE TABLE connections (
  console_id text PRIMARY KEY REFERENCES consoles (console_id),
  tenant_type text NOT NULL CHECK (tenant_type IN ('standard', 'gcc-high')),
  tenant_id text NOT NULL,
  enrollment_url text,
  remediation_url text,
  connected_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  connected_by text NOT NULL
);

-- The last successful consent check per tenant: a connection is created (or moved to another
-- tenant or cloud) only after one.
CREATE TABLE consent_verifications (
  console_id text NOT NULL REFERENCES consoles (console_id),
  tenant_type text NOT NULL,
  tenant_id text NOT NULL,
  verified_at timestamptz NOT NULL,
  PRIMARY KEY (console_id, tenant_type, tenant_id)
);

-- Answers of POST /connection by Idempotency-Key, so a repeated request gets the same answer.
CREATE TABLE idempotency_keys (
  console_id text NOT NULL REFERENCES consoles (console_id),
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  response text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (console_id, idempotency_key)
);

-- The audit trail: append-only (see the trigger below) and hash-chained per console.
CREATE TABLE audit_events (
  console_id text NOT NULL REFERENCES consoles (console_id),
  seq bigint NOT NULL CHECK (seq >= 1),
  event_id text NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  tenant_id text NOT NULL,
  tenant_type text NOT NULL CHECK (tenant_type IN ('standard', 'gcc-high')),
  changes text[],
  error text,
  aadsts text,
  count integer CHECK (count >= 1),
  source text NOT NULL CHECK (source IN ('server', 'client')),
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (console_id, seq),
  UNIQUE (console_id, event_id)
);

-- Time filters become sequence bounds through this index; pages are read by (console_id, seq).
CREATE INDEX audit_events_console_at ON audit_events (console_id, at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Client-reported events per console and fixed time window: past the limit they are counted
-- here, and one summary event per window is appended once the window has ended (the console's
-- summary_due_at says when the first one is due).
CREATE TABLE client_event_windows (
  console_id text NOT NULL REFERENCES consoles (console_id),
  window_start timestamptz NOT NULL,
  recorded integer NOT NULL DEFAULT 0,
  suppressed integer NOT NULL DEFAULT 0,
  first_actor text,
  first_tenant_type text,
  summarized boolean NOT NULL DEFAULT false,
  PRIMARY KEY (console_id, window_start)
);
