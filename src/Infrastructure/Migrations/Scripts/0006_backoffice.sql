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
-- Only sla_breached lists (and their counts) read this small index.
CREATE INDEX inquiries_breached ON inquiries (tenant_id, registered_at DESC) WHERE sla_breached;

-- Row-level security lets an index serve only leakproof operators (=, <, > on plain columns): jsonb @>,
-- LIKE and lower() are not, so GIN, trigram and lower() indexes would never be used by the app role.
-- "Attribute equals" and "repeat inquiry" therefore read these two inline projections by equality.

-- Every non-empty attribute value of every inquiry (values cut to 200 characters; the list re-checks the
-- full value on the inquiry row).
CREATE TABLE inquiry_attribute_values (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant(),
  code       text NOT NULL,
  value      text NOT NULL,
  inquiry_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, code, value, inquiry_id)
);
CREATE INDEX inquiry_attribute_values_inquiry ON inquiry_attribute_values (tenant_id, inquiry_id);
SELECT ktp_enable_tenant_rls('inquiry_attribute_values', 'SELECT, INSERT, DELETE');

-- A repeat inquiry: when registered, the same customer had registered one on the same topic within the
-- previous 7 days (previous_id, the latest such).
CREATE TABLE inquiry_repeats (
  tenant_id     uuid NOT NULL DEFAULT ktp_current_tenant(),
  inquiry_id    uuid NOT NULL,
  previous_id   uuid NOT NULL,
  customer_id   uuid NOT NULL,
  registered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, inquiry_id)
);
CREATE INDEX inquiry_repeats_customer ON inquiry_repeats (tenant_id, customer_id, registered_at DESC);
SELECT ktp_enable_tenant_rls('inquiry_repeats', 'SELECT, INSERT');
-- The projection finds the previous inquiry by customer, topic and time.
CREATE INDEX inquiries_customer_topic ON inquiries (tenant_id, customer_id, topic_id, registered_at DESC) WHERE customer_id IS NOT NULL;

-- Customer text in the filter: exact e-mail (phone and contract have indexes from 0005); part of a name is
-- matched by scanning the tenant's customers (see above).
CREATE INDEX customers_email ON customers (tenant_id, email);
