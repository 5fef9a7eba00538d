-- Per-tenant API keys for integrations: stored as SHA-256 of the secret, scoped, revocable.
CREATE TABLE api_keys (
  tenant_id    uuid NOT NULL DEFAULT ktp_current_tenant(),
  key_id       uuid NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  prefix       text NOT NULL UNIQUE,
  secret_hash  text NOT NULL,
  scopes       text[] NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  PRIMARY KEY (tenant_id, key_id)
);
SELECT ktp_enable_tenant_rls('api_keys', 'SELECT, INSERT, UPDATE');

-- A request presents a key before any tenant is known: this narrow function finds it by its public prefix.
CREATE FUNCTION ktp_find_api_key(p_prefix text)
RETURNS TABLE (tenant_id uuid, key_id uuid, secret_hash text, scopes text[], revoked boolean, slug text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.tenant_id, k.key_id, k.secret_hash, k.scopes, k.revoked_at IS NOT NULL, t.slug
  FROM api_keys k JOIN tenants t USING (tenant_id) WHERE k.prefix = p_prefix
$$;
REVOKE ALL ON FUNCTION ktp_find_api_key(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ktp_find_api_key(text) TO ktp_app;
