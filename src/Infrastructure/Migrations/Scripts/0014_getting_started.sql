-- The new tenant's getting-started checklist asks each module how far the tenant got, through functions the
-- owners publish (as in 0011): invoker's rights, so row-level security scopes every answer to the caller's tenant.

-- Projects: how many projects there are, how many have topics saved and how many have a published route, and the
-- first project (the one a new tenant sets up).
CREATE FUNCTION project_setup_progress() RETURNS TABLE (projects int, with_topics int, with_route int, first_project uuid)
LANGUAGE sql STABLE AS $$
  SELECT count(*)::int,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM project_settings s WHERE s.project_id = p.project_id AND s.kind = 'topics'))::int,
         count(*) FILTER (WHERE p.route_id IS NOT NULL)::int,
         (array_agg(p.project_id ORDER BY p.created_at, p.project_id))[1]
  FROM projects p $$;

-- Identity: how many active users hold a role.
CREATE FUNCTION active_users_in_role(p_role text) RETURNS int
LANGUAGE sql STABLE AS $$
  SELECT count(*)::int FROM users u WHERE u.is_active
    AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.user_id AND r.role_name = p_role) $$;

-- Inquiries: whether any inquiry was ever registered.
CREATE FUNCTION any_inquiry_registered() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM inquiries) $$;

REVOKE ALL ON FUNCTION project_setup_progress(), active_users_in_role(text), any_inquiry_registered() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION project_setup_progress(), active_users_in_role(text), any_inquiry_registered() TO ktp_app, ktp_system;

-- Identity: the tenant admin configures projects out of the box (new tenants get it from Role.DefaultPrivileges).
-- Every tenant's role row is updated, so the owner steps past the tenant policy for this one statement.
ALTER TABLE role_privileges NO FORCE ROW LEVEL SECURITY;
UPDATE role_privileges
   SET privileges = privileges || ARRAY(SELECT p FROM unnest(ARRAY['projects.configure', 'projects.monitor']) p WHERE p <> ALL (privileges)),
       updated_at = now()
 WHERE role_name = 'tenant_admin' AND NOT (privileges @> ARRAY['projects.configure', 'projects.monitor']);
ALTER TABLE role_privileges FORCE ROW LEVEL SECURITY;
