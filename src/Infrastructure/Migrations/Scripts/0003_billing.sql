-- Billing: plans (platform data), the tenant's account read models, usage meters, checkouts and webhook dedupe.

CREATE TABLE plans (
  plan_id     text PRIMARY KEY CHECK (plan_id ~ '^[a-z0-9][a-z0-9_-]{1,40}$'),
  name        text NOT NULL,
  currency    text NOT NULL,
  is_trial_default boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX plans_one_trial_default ON plans (is_trial_default) WHERE is_trial_default;

-- Versions are immutable once written: a price change is a new version.
CREATE TABLE plan_versions (
  plan_id        text NOT NULL REFERENCES plans,
  version        int NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  seat_price     numeric(19,4) NOT NULL CHECK (seat_price >= 0),
  trial_days     int NOT NULL CHECK (trial_days >= 0),
  usage          jsonb NOT NULL DEFAULT '{}',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, version)
);
GRANT SELECT ON plans, plan_versions TO ktp_app;
GRANT SELECT, INSERT, UPDATE ON plans, plan_versions TO ktp_system;

INSERT INTO plans (plan_id, name, currency, is_trial_default) VALUES ('standard', 'Standard', 'RUB', true);
INSERT INTO plan_versions (plan_id, version, effective_from, seat_price, trial_days, usage, created_by) VALUES
  ('standard', 1, '2020-01-01', 1500.00, 14,
   '{"CallMinutes": {"included": 2000, "overagePrice": 1.20}, "Messages": {"included": 5000, "overagePrice": 0.30},
     "StorageGb": {"included": 50, "overagePrice": 5.00}, "ApiCalls": {"included": 100000, "overagePrice": 0.002}}',
   'migration');

-- Inline projection of the account stream: balance and state, updated in the append transaction.
CREATE TABLE account_balances (
  tenant_id      uuid PRIMARY KEY DEFAULT ktp_current_tenant(),
  stream_id      uuid NOT NULL,
  currency       text NOT NULL,
  balance        numeric(19,4) NOT NULL DEFAULT 0,
  plan_id        text NOT NULL,
  plan_version   int NOT NULL,
  trial_ends_on  date NOT NULL,
  suspended      boolean NOT NULL DEFAULT false,
  negative_since timestamptz,
  version        bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
SELECT ktp_enable_tenant_rls('account_balances', 'SELECT, INSERT, UPDATE');

-- Inline projection: one row per money event, with the balance after it.
CREATE TABLE account_ledger (
  tenant_id     uuid NOT NULL DEFAULT ktp_current_tenant(),
  entry_version bigint NOT NULL,
  at            timestamptz NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('charge', 'topup', 'refund', 'adjustment')),
  amount        numeric(19,4) NOT NULL,
  currency      text NOT NULL,
  reason        text NOT NULL,
  source_type   text NOT NULL,
  source_id     text NOT NULL,
  balance_after numeric(19,4) NOT NULL,
  PRIMARY KEY (tenant_id, entry_version)
);
CREATE INDEX account_ledger_at ON account_ledger (tenant_id, at);
SELECT ktp_enable_tenant_rls('account_ledger', 'SELECT, INSERT');

-- Usage meters written by the modules that cause usage (API calls, messages, call minutes, storage).
CREATE TABLE usage_daily (
  tenant_id uuid NOT NULL DEFAULT ktp_current_tenant(),
  day       date NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('Seats', 'CallMinutes', 'Messages', 'StorageGb', 'ApiCalls')),
  quantity  numeric(19,4) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, day, kind)
);
SELECT ktp_enable_tenant_rls('usage_daily', 'SELECT, INSERT, UPDATE');

-- Checkouts opened with the payment provider, waiting for their webhook.
CREATE TABLE checkout_sessions (
  tenant_id    uuid NOT NULL DEFAULT ktp_current_tenant(),
  session_id   text NOT NULL UNIQUE,
  provider     text NOT NULL,
  amount       numeric(19,4) NOT NULL CHECK (amount > 0),
  currency     text NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'rejected')),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  note         text,
  PRIMARY KEY (tenant_id, session_id)
);
SELECT ktp_enable_tenant_rls('checkout_sessions', 'SELECT, INSERT, UPDATE');

-- Every provider event handled once: the unique event id makes a repeated delivery a no-op.
CREATE TABLE payment_events (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  event_id    text NOT NULL UNIQUE,
  provider    text NOT NULL,
  event_type  text NOT NULL,
  outcome     text NOT NULL,
  detail      text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, event_id)
);
SELECT ktp_enable_tenant_rls('payment_events', 'SELECT, INSERT');

-- Webhooks that could not be matched to a tenant (unknown session, bad signature) are kept for the SaaS admin.
CREATE TABLE payment_failures (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider    text NOT NULL,
  event_id    text,
  reason      text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON payment_failures TO ktp_system;
