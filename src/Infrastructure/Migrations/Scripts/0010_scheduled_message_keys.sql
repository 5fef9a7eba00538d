-- Messages now live in Wolverine's tables (schema wolverine). What stays ours: the keys of messages
-- scheduled once per tenant (one rating job per day, one timer per deadline), taken in the scheduling
-- transaction so any number of nodes or callers schedule each only once.
CREATE TABLE scheduled_message_keys (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant() REFERENCES tenants,
  key        text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
SELECT ktp_enable_tenant_rls('scheduled_message_keys', 'SELECT, INSERT');
