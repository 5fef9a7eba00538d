-- Inquiries: customers, contacts, the inquiry read model (inline projection of inquiry streams),
-- system problems and attachments.

CREATE TABLE customers (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  customer_id uuid NOT NULL,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  phone       text,
  email       text,
  contract    text,
  category    text,
  vip         boolean NOT NULL DEFAULT false,
  notes       jsonb NOT NULL DEFAULT '[]',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id)
);
CREATE INDEX customers_phone ON customers (tenant_id, phone);
CREATE INDEX customers_contract ON customers (tenant_id, contract);
CREATE INDEX customers_name ON customers (tenant_id, lower(name) text_pattern_ops);
SELECT ktp_enable_tenant_rls('customers', 'SELECT, INSERT, UPDATE');

CREATE TABLE contacts (
  tenant_id     uuid NOT NULL DEFAULT ktp_current_tenant(),
  contact_id    uuid NOT NULL,
  project_id    uuid NOT NULL,
  customer_id   uuid,
  direction     text NOT NULL CHECK (direction IN ('in', 'out')),
  channel       text NOT NULL,
  contact_place text,
  operator_id   uuid,
  operator_name text NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, contact_id)
);
CREATE INDEX contacts_customer ON contacts (tenant_id, customer_id, registered_at DESC);
SELECT ktp_enable_tenant_rls('contacts', 'SELECT, INSERT');

CREATE TABLE inquiries (
  tenant_id      uuid NOT NULL DEFAULT ktp_current_tenant(),
  inquiry_id     uuid NOT NULL,
  number         bigint GENERATED ALWAYS AS IDENTITY,
  project_id     uuid NOT NULL,
  contact_id     uuid NOT NULL,
  customer_id    uuid,
  parent_id      uuid,
  topic_id       uuid NOT NULL,
  topic_name     text NOT NULL,
  kind           text NOT NULL,
  channel        text NOT NULL,
  priority       text NOT NULL,
  status         text NOT NULL,
  process_code   text,
  queue_code     text,
  assignee_id    uuid,
  assignee_name  text,
  responsible_id uuid,
  sla_due_at     timestamptz,
  sla_breached   boolean NOT NULL DEFAULT false,
  attributes     jsonb NOT NULL DEFAULT '{}',
  route_id       text,
  route_version  int,
  problem_id     uuid,
  registered_at  timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  closed_at      timestamptz,
  version        bigint NOT NULL,
  PRIMARY KEY (tenant_id, inquiry_id)
);
CREATE INDEX inquiries_queue ON inquiries (tenant_id, project_id, queue_code, registered_at) WHERE status = 'Waiting';
CREATE INDEX inquiries_assignee ON inquiries (tenant_id, assignee_id) WHERE status = 'InWork';
CREATE INDEX inquiries_customer ON inquiries (tenant_id, customer_id, registered_at DESC);
CREATE INDEX inquiries_registered ON inquiries (tenant_id, project_id, registered_at DESC);
CREATE INDEX inquiries_status ON inquiries (tenant_id, project_id, status, registered_at DESC);
CREATE INDEX inquiries_sla ON inquiries (tenant_id, sla_due_at) WHERE status NOT IN ('Closed', 'Archived');
CREATE INDEX inquiries_closed ON inquiries (tenant_id, closed_at) WHERE status = 'Closed';
SELECT ktp_enable_tenant_rls('inquiries', 'SELECT, INSERT, UPDATE');

CREATE TABLE system_problems (
  tenant_id   uuid NOT NULL DEFAULT ktp_current_tenant(),
  problem_id  uuid NOT NULL,
  project_id  uuid NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  resolution  text,
  resolved_at timestamptz,
  PRIMARY KEY (tenant_id, problem_id)
);
SELECT ktp_enable_tenant_rls('system_problems', 'SELECT, INSERT, UPDATE');

CREATE TABLE attachments (
  tenant_id    uuid NOT NULL DEFAULT ktp_current_tenant(),
  file_id      uuid NOT NULL,
  inquiry_id   uuid NOT NULL,
  name         text NOT NULL,
  size         bigint NOT NULL,
  content_type text NOT NULL,
  sha256       text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, file_id)
);
SELECT ktp_enable_tenant_rls('attachments', 'SELECT, INSERT');
