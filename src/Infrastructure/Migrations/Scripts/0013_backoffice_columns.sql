-- The back office columns each user chose to see (the column chooser), per user and workspace.
CREATE TABLE backoffice_columns (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant(),
  user_id    uuid NOT NULL,
  columns    text[] NOT NULL CHECK (cardinality(columns) <= 50),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
SELECT ktp_enable_tenant_rls('backoffice_columns', 'SELECT, INSERT, UPDATE, DELETE');
