-- Projects (one per client or line of business) and their configuration documents. Every save of a
-- configuration is a new version row; routes are versioned so in-flight inquiries keep theirs.

CREATE TABLE projects (
  tenant_id            uuid NOT NULL DEFAULT ktp_current_tenant(),
  project_id           uuid NOT NULL,
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  route_id             text,
  archive_after_days   int NOT NULL DEFAULT 30 CHECK (archive_after_days BETWEEN 1 AND 3650),
  attachment_max_bytes bigint NOT NULL DEFAULT 10485760 CHECK (attachment_max_bytes BETWEEN 1024 AND 1073741824),
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, project_id)
);
SELECT ktp_enable_tenant_rls('projects', 'SELECT, INSERT, UPDATE');

CREATE TABLE project_members (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant(),
  project_id uuid NOT NULL,
  user_id    uuid NOT NULL,
  PRIMARY KEY (tenant_id, project_id, user_id),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id) ON DELETE CASCADE
);
SELECT ktp_enable_tenant_rls('project_members', 'SELECT, INSERT, DELETE');

-- kind: topics (TopicConfiguration), sla ({policies, calendar}), dictionaries, templates, categories, vip.
CREATE TABLE project_settings (
  tenant_id  uuid NOT NULL DEFAULT ktp_current_tenant(),
  project_id uuid NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('topics', 'sla', 'dictionaries', 'templates', 'categories', 'vip', 'contact_places', 'priorities')),
  version    int NOT NULL CHECK (version >= 1),
  document   jsonb NOT NULL,
  saved_by   text NOT NULL,
  saved_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, project_id, kind, version),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects ON DELETE CASCADE
);
SELECT ktp_enable_tenant_rls('project_settings', 'SELECT, INSERT');

CREATE TABLE project_routes (
  tenant_id    uuid NOT NULL DEFAULT ktp_current_tenant(),
  project_id   uuid NOT NULL,
  route_id     text NOT NULL,
  version      int NOT NULL CHECK (version >= 1),
  definition   jsonb NOT NULL,
  published_by text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, project_id, route_id, version),
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects ON DELETE CASCADE
);
SELECT ktp_enable_tenant_rls('project_routes', 'SELECT, INSERT');
