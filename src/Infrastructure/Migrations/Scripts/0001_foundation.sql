-- Foundation: tenants, event store, outbox, identity, platform audit.
-- Tenant-owned tables carry tenant_id defaulting to the transaction's tenant and are
-- protected by FORCE ROW LEVEL SECURITY (see ktp_enable_tenant_rls below). The app role (ktp_app) only
-- ever sees the tenant set for its transaction; the system role (ktp_system) sees all through a policy.

CREATE OR REPLACE FUNCTION ktp_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Turns on forced RLS with the one isolation policy every tenant table uses, and grants the app role.
CREATE OR REPLACE FUNCTION ktp_enable_tenant_rls(tbl regclass, app_privileges text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = ktp_current_tenant()) WITH CHECK (tenant_id = ktp_current_tenant())', tbl);
  -- The system role (workers, audited platform path) sees every tenant through a policy, not BYPASSRLS,
  -- which managed PostgreSQL services do not let non-superusers grant.
  EXECUTE format('DROP POLICY IF EXISTS system_access ON %s', tbl);
  EXECUTE format('CREATE POLICY system_access ON %s TO ktp_system USING (true) WITH CHECK (true)', tbl);
  EXECUTE format('GRANT %s ON %s TO ktp_app', app_privileges, tbl);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO ktp_system', tbl);
END $$;

CREATE TABLE tenants (
  tenant_id   uuid PRIMARY KEY DEFAULT ktp_current_tenant(),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  culture     text NOT NULL DEFAULT 'ru' CHECK (culture IN ('ru', 'en')),
  kind        text NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'platform')),
  state       text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'suspended')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
SELECT ktp_enable_tenant_rls('tenants', 'SELECT, INSERT, UPDATE');

-- Tenant resolution happens before a tenant is known: this narrow definer function is the only
-- way the app role sees a tenant row other than its own.
CREATE FUNCTION ktp_resolve_tenant(p_slug text)
RETURNS TABLE (tenant_id uuid, slug text, name text, culture text, kind text, state text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.tenant_id, t.slug, t.name, t.culture, t.kind, t.state FROM tenants t WHERE t.slug = p_slug
$$;
REVOKE ALL ON FUNCTION ktp_resolve_tenant(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ktp_resolve_tenant(text) TO ktp_app, ktp_system;

-- Event store -------------------------------------------------------------------------------
CREATE TABLE streams (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  stream_id   uuid NOT NULL,
  stream_type text NOT NULL,
  version     bigint NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  archived    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, stream_id)
);
SELECT ktp_enable_tenant_rls('streams', 'SELECT, INSERT, UPDATE');

CREATE TABLE events (
  position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  stream_id   uuid NOT NULL,
  stream_type text NOT NULL,
  version     bigint NOT NULL,
  event_type  text NOT NULL,
  data        jsonb NOT NULL,
  metadata    jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  tx_id       xid8 NOT NULL DEFAULT pg_current_xact_id(),
  UNIQUE (tenant_id, stream_id, version)
);
CREATE INDEX events_commit_order ON events (tx_id, position);
-- Events are never updated or deleted by the app: archiving (system role) moves whole streams.
SELECT ktp_enable_tenant_rls('events', 'SELECT, INSERT');

CREATE TABLE archived_events (
  position    bigint PRIMARY KEY,
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  stream_id   uuid NOT NULL,
  stream_type text NOT NULL,
  version     bigint NOT NULL,
  event_type  text NOT NULL,
  data        jsonb NOT NULL,
  metadata    jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  tx_id       xid8 NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, stream_id, version)
);
CREATE INDEX archived_events_commit_order ON archived_events (tx_id, position);
SELECT ktp_enable_tenant_rls('archived_events', 'SELECT, INSERT');
GRANT DELETE ON events TO ktp_system;

CREATE TABLE projection_checkpoints (
  name         text PRIMARY KEY,
  last_tx_id   xid8 NOT NULL DEFAULT '0',
  last_position bigint NOT NULL DEFAULT 0,
  events_processed bigint NOT NULL DEFAULT 0,
  rebuild_requested boolean NOT NULL DEFAULT false,
  rebuild_total bigint,
  last_error   text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON projection_checkpoints TO ktp_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON projection_checkpoints TO ktp_system;

-- Outbox and timers -------------------------------------------------------------------------
CREATE TABLE outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id     uuid NOT NULL DEFAULT ktp_current_tenant(),
  kind          text NOT NULL,
  payload       jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts      int NOT NULL DEFAULT 0,
  due_at        timestamptz NOT NULL DEFAULT now(),
  last_error    text,
  dedupe_key    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  processed_at  timestamptz
);
CREATE INDEX outbox_due ON outbox (due_at) WHERE status = 'pending';
CREATE UNIQUE INDEX outbox_dedupe ON outbox (tenant_id, kind, dedupe_key) WHERE dedupe_key IS NOT NULL;
SELECT ktp_enable_tenant_rls('outbox', 'SELECT, INSERT, UPDATE');

-- Identity ----------------------------------------------------------------------------------
CREATE TABLE users (
  tenant_id            uuid NOT NULL DEFAULT ktp_current_tenant(),
  user_id              uuid NOT NULL,
  email                text NOT NULL CHECK (length(email) <= 256),
  normalized_email     text NOT NULL,
  display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash        text,
  security_stamp       text NOT NULL,
  concurrency_stamp    text NOT NULL,
  lockout_enabled      boolean NOT NULL DEFAULT true,
  lockout_end          timestamptz,
  access_failed_count  int NOT NULL DEFAULT 0,
  is_active            boolean NOT NULL DEFAULT true,
  culture              text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  UNIQUE (tenant_id, normalized_email)
);
SELECT ktp_enable_tenant_rls('users', 'SELECT, INSERT, UPDATE');

CREATE TABLE role_privileges (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  role_name   text NOT NULL,
  privileges  text[] NOT NULL DEFAULT '{}',
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, role_name)
);
SELECT ktp_enable_tenant_rls('role_privileges', 'SELECT, INSERT, UPDATE');

CREATE TABLE user_roles (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  user_id     uuid NOT NULL,
  role_name   text NOT NULL,
  PRIMARY KEY (tenant_id, user_id, role_name),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, role_name) REFERENCES role_privileges (tenant_id, role_name)
);
SELECT ktp_enable_tenant_rls('user_roles', 'SELECT, INSERT, UPDATE, DELETE');

-- Mail delivered by the development transport; shown on the dev mailbox page.
CREATE TABLE dev_mailbox (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  message_id  bigint GENERATED ALWAYS AS IDENTITY,
  recipient   text NOT NULL,
  subject     text NOT NULL,
  body        text NOT NULL,
  sent_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, message_id)
);
SELECT ktp_enable_tenant_rls('dev_mailbox', 'SELECT');

-- Platform ----------------------------------------------------------------------------------
CREATE TABLE data_protection_keys (
  id            int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  friendly_name text NOT NULL,
  xml           text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON data_protection_keys TO ktp_app, ktp_system;

CREATE TABLE platform_audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor       text NOT NULL,
  action      text NOT NULL,
  target_tenant uuid,
  details     jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON platform_audit TO ktp_system;

-- Read model kept by the async projection `tenant_activity`.
CREATE TABLE tenant_activity (
  tenant_id       uuid PRIMARY KEY DEFAULT ktp_current_tenant(),
  events_count    bigint NOT NULL DEFAULT 0,
  last_event_at   timestamptz
);
SELECT ktp_enable_tenant_rls('tenant_activity', 'SELECT');
