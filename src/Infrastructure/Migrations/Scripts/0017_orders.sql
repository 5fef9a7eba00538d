-- Orders, services and tasks along BPMN processes (issue #11). Every table is the tenant's, under its policy.

-- Deployed process diagrams: a new version per deploy, running instances stay on theirs.
CREATE TABLE process_definitions (
  tenant_id    uuid NOT NULL DEFAULT ktp_current_tenant(),
  key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  version      int NOT NULL CHECK (version > 0),
  name         text,
  xml          text NOT NULL CHECK (length(xml) <= 2000000),
  deployed_by  text NOT NULL,
  deployed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key, version)
);
SELECT ktp_enable_tenant_rls('process_definitions', 'SELECT, INSERT');

-- The service catalogue: parameters, the process and the task-generation rules of each service.
CREATE TABLE catalogue_services (
  tenant_id    uuid NOT NULL DEFAULT ktp_current_tenant(),
  code         text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description  text CHECK (length(description) <= 4000),
  process_key  text NOT NULL,
  parameters   jsonb NOT NULL DEFAULT '[]',
  task_rules   jsonb NOT NULL DEFAULT '[]',
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code)
);
SELECT ktp_enable_tenant_rls('catalogue_services', 'SELECT, INSERT, UPDATE, DELETE');

-- Order numbers people say on the phone, counted per tenant.
CREATE TABLE order_numbers (
  tenant_id   uuid PRIMARY KEY DEFAULT ktp_current_tenant() REFERENCES tenants,
  last_number bigint NOT NULL CHECK (last_number >= 0)
);
SELECT ktp_enable_tenant_rls('order_numbers', 'SELECT, INSERT, UPDATE');

-- Read model of orders (projected from the order streams).
CREATE TABLE orders (
  tenant_id        uuid NOT NULL DEFAULT ktp_current_tenant(),
  order_id         uuid NOT NULL,
  number           bigint NOT NULL,
  external_id      text,
  customer_name    text NOT NULL,
  customer_phone   text,
  customer_email   text,
  parameters       jsonb NOT NULL DEFAULT '{}',
  status           text NOT NULL,
  cancel_reason    text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  PRIMARY KEY (tenant_id, order_id)
);
CREATE UNIQUE INDEX orders_number ON orders (tenant_id, number);
CREATE INDEX orders_status ON orders (tenant_id, status, created_at DESC);
SELECT ktp_enable_tenant_rls('orders', 'SELECT, INSERT, UPDATE');

-- A repeated create with the same idempotency key answers with the order the first one made.
CREATE TABLE order_requests (
  tenant_id        uuid NOT NULL DEFAULT ktp_current_tenant(),
  idempotency_key  text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  order_id         uuid NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, idempotency_key)
);
SELECT ktp_enable_tenant_rls('order_requests', 'SELECT, INSERT');

CREATE TABLE order_services (
  tenant_id           uuid NOT NULL DEFAULT ktp_current_tenant(),
  service_id          uuid NOT NULL,
  order_id            uuid NOT NULL,
  code                text NOT NULL,
  name                text NOT NULL,
  parameters          jsonb NOT NULL DEFAULT '{}',
  definition_key      text,
  definition_version  int,
  state               text NOT NULL,
  started_at          timestamptz NOT NULL,
  finished_at         timestamptz,
  PRIMARY KEY (tenant_id, service_id)
);
CREATE INDEX order_services_order ON order_services (tenant_id, order_id);
SELECT ktp_enable_tenant_rls('order_services', 'SELECT, INSERT, UPDATE');

-- Tasks: the user tasks people do and the service tasks other systems do, as the processes create them.
CREATE TABLE process_tasks (
  tenant_id       uuid NOT NULL DEFAULT ktp_current_tenant(),
  task_id         text NOT NULL,
  service_id      uuid NOT NULL,
  order_id        uuid NOT NULL,
  node_id         text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('user', 'service')),
  name            text,
  candidate_role  text,
  queue           text,
  form            text,
  assignee_id     uuid,
  assignee_name   text,
  due_at          timestamptz,
  status          text NOT NULL CHECK (status IN ('open', 'done', 'withdrawn', 'incident')),
  attempts        int NOT NULL DEFAULT 0,
  last_error      text,
  created_at      timestamptz NOT NULL,
  completed_at    timestamptz,
  completed_by    text,
  PRIMARY KEY (tenant_id, task_id)
);
CREATE INDEX process_tasks_open ON process_tasks (tenant_id, status, due_at NULLS LAST, created_at) WHERE status IN ('open', 'incident');
CREATE INDEX process_tasks_assignee ON process_tasks (tenant_id, assignee_id, status, due_at NULLS LAST) WHERE status = 'open';
CREATE INDEX process_tasks_service ON process_tasks (tenant_id, service_id);
CREATE INDEX process_tasks_completed ON process_tasks (tenant_id, completed_at) WHERE status = 'done';
SELECT ktp_enable_tenant_rls('process_tasks', 'SELECT, INSERT, UPDATE');

CREATE TABLE process_incidents (
  tenant_id     uuid NOT NULL DEFAULT ktp_current_tenant(),
  incident_id   text NOT NULL,
  service_id    uuid NOT NULL,
  order_id      uuid NOT NULL,
  node_id       text NOT NULL,
  task_id       text NOT NULL,
  reason        text NOT NULL,
  raised_at     timestamptz NOT NULL,
  resolved_at   timestamptz,
  resolved_by   text,
  resolution    text,
  PRIMARY KEY (tenant_id, incident_id)
);
CREATE INDEX process_incidents_open ON process_incidents (tenant_id, raised_at) WHERE resolved_at IS NULL;
SELECT ktp_enable_tenant_rls('process_incidents', 'SELECT, INSERT, UPDATE');

-- Orders arrive with the module: the roles that work with them get its privileges.
ALTER TABLE role_privileges NO FORCE ROW LEVEL SECURITY;
UPDATE role_privileges SET privileges = privileges || ARRAY(SELECT p FROM unnest(ARRAY['orders.configure', 'orders.manage']) p WHERE p <> ALL (privileges)), updated_at = now()
 WHERE role_name IN ('tenant_admin', 'project_manager');
UPDATE role_privileges SET privileges = privileges || ARRAY(SELECT p FROM unnest(ARRAY['orders.work']) p WHERE p <> ALL (privileges)), updated_at = now()
 WHERE role_name IN ('executor', 'project_manager');
ALTER TABLE role_privileges FORCE ROW LEVEL SECURITY;
