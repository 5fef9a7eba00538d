-- Back office: saved filters of the inquiry list, the links of inquiries to system problems (inline
-- projection of inquiry.linked_to_problem), and the indexes the list's filters use. Every index leads
-- with tenant_id: row-level security adds tenant_id = ktp_current_tenant() to each query.

CREATE TABLE saved_filters (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant(),
  filter_id  uuid NOT NULL,
  user_id    uuid NOT NULL,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  filter     jsonb NOT NULL,
  shared     boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, filter_id),
  UNIQUE (tenant_id, user_id, name)
);
CREATE INDEX saved_filters_shared ON saved_filters (tenant_id, name) WHERE shared;
SELECT ktp_enable_tenant_rls('saved_filters', 'SELECT, INSERT, UPDATE, DELETE');

CREATE TABLE system_problem_links (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant(),
  problem_id uuid NOT NULL,
  inquiry_id uuid NOT NULL,
  linked_by  text NOT NULL,
  linked_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, problem_id, inquiry_id)
);
CREATE INDEX system_problem_links_inquiry ON system_problem_links (tenant_id, inquiry_id);
SELECT ktp_enable_tenant_rls('system_problem_links', 'SELECT, INSERT');

CREATE INDEX system_problems_project ON system_problems (tenant_id, project_id, status, created_at DESC);

-- The list without a project, sorted by registration (the default), or narrowed by status.
CREATE INDEX inquiries_tenant_registered ON inquiries (tenant_id, registered_at DESC);
CREATE INDEX inquiries_tenant_status ON inquiries (tenant_id, status, registered_at DESC);
-- Numbers typed or pasted into the filter.
CREATE INDEX inquiries_number ON inquiries (tenant_id, number);
-- Whoever has or had it in work, whoever is responsible, the problem, the parent of a child inquiry.
CREATE INDEX inquiries_assignee_any ON inquiries (tenant_id, assignee_id, registered_at DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX inquiries_responsible ON inquiries (tenant_id, responsible_id, registered_at DESC) WHERE responsible_id IS NOT NULL;
CREATE INDEX inquiries_problem ON inquiries (tenant_id, problem_id) WHERE problem_id IS NOT NULL;
CREATE INDEX inquiries_parent ON inquiries (tenant_id, parent_id) WHERE parent_id IS NOT NULL;
-- Repeat inquiries: the same customer on the same topic within days.
CREATE INDEX inquiries_repeat ON inquiries (tenant_id, customer_id, topic_id, registered_at) WHERE customer_id IS NOT NULL;
-- "Attribute equals": attributes @> '{"code": "value"}'.
CREATE INDEX inquiries_attributes ON inquiries USING gin (attributes jsonb_path_ops);

-- Customer text in the filter: e-mail equality, and name containment through a trigram index where
-- pg_trgm is installed and this role may create it (a trusted extension since PostgreSQL 13). Without
-- it the same query runs, scanning the tenant's customers.
CREATE INDEX customers_email ON customers (tenant_id, lower(email));
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_trgm cannot be created by %: customer names are searched without a trigram index', current_user;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops)';
  END IF;
END $$;
