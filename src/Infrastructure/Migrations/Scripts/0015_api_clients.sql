-- OAuth 2.0 clients of integrations (client credentials): the secret is stored as SHA-256, the privileges a
-- token may carry are the client's scopes; a client expires and can be revoked.
CREATE TABLE api_clients (
  tenant_id      uuid NOT NULL DEFAULT ktp_current_tenant(),
  client_id      text NOT NULL UNIQUE CHECK (client_id ~ '^ktpc_[0-9a-f]{16}$'),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  secret_hash    text NOT NULL,
  scopes         text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  last_token_at  timestamptz,
  revoked_at     timestamptz,
  PRIMARY KEY (tenant_id, client_id)
);
SELECT ktp_enable_tenant_rls('api_clients', 'SELECT, INSERT, UPDATE');

-- A token request names its client before any tenant is known: this narrow function finds it by its id.
CREATE FUNCTION ktp_find_api_client(p_client_id text)
RETURNS TABLE (tenant_id uuid, secret_hash text, scopes text[], expires_at timestamptz, revoked boolean, slug text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.tenant_id, c.secret_hash, c.scopes, c.expires_at, c.revoked_at IS NOT NULL, t.slug
  FROM api_clients c JOIN tenants t USING (tenant_id) WHERE c.client_id = p_client_id
$$;
REVOKE ALL ON FUNCTION ktp_find_api_client(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ktp_find_api_client(text) TO ktp_app;
