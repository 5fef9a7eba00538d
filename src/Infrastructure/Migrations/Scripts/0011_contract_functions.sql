-- Modules read each other through their contracts. Where a contract has to take part in another module's query
-- (a filter over a million inquiries, a name on each row of a page), the owning module publishes a SQL function
-- instead of its table: one statement, the owner's tables stay its own, row-level security applies (invoker's rights).

-- Projects: the projects a user works in as a member.
CREATE FUNCTION projects_of_member(p_user uuid) RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$ SELECT m.project_id FROM project_members m WHERE m.user_id = p_user $$;

-- Identity: a user's display name, inactive users included (lists show who it was).
CREATE FUNCTION user_display_name(p_user uuid) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT u.display_name FROM users u WHERE u.user_id = p_user $$;

REVOKE ALL ON FUNCTION projects_of_member(uuid), user_display_name(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION projects_of_member(uuid), user_display_name(uuid) TO ktp_app, ktp_system;
