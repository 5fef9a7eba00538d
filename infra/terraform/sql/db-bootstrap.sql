-- One-off database bootstrap, run as the master (owner) user in the application database by the
-- `<prefix>-db-bootstrap` ECS task (see README.md). Idempotent: run it again after changing a password.
--
-- psql variables: app_password, system_password (passed with -v; quoted with %L, never spliced raw).
--
-- Roles are cluster-wide, so they are created here rather than in the versioned migrations. Table,
-- sequence and function privileges are granted by the migrations themselves (they run as the owner).

-- ktp_app: the tenant-facing role. New roles are NOBYPASSRLS by default (PostgreSQL 15 lets only a
-- superuser name that attribute, even to switch it off), and the check at the end enforces it.
SELECT format('CREATE ROLE ktp_app LOGIN NOINHERIT PASSWORD %L', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ktp_app') \gexec

SELECT format('ALTER ROLE ktp_app LOGIN NOINHERIT PASSWORD %L', :'app_password') \gexec

-- ktp_system: projection daemon, outbox workers, audited platform-admin path.
SELECT format('CREATE ROLE ktp_system LOGIN NOINHERIT PASSWORD %L', :'system_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ktp_system') \gexec

SELECT format('ALTER ROLE ktp_system LOGIN NOINHERIT PASSWORD %L', :'system_password') \gexec

-- ktp_system needs no BYPASSRLS: every tenant table has a `system_access` policy for it (see
-- docs/adr/0004-tenancy-with-row-level-security.md).

-- Nobody but these roles and the owner may connect to the application database.
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO ktp_app, ktp_system;

-- Both roles use the public schema; neither may create objects in it (the PostgreSQL 15 default, made explicit).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ktp_app, ktp_system;

-- The tenant-facing role must never get past row-level security.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'ktp_app' AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'ktp_app must not be a superuser nor have BYPASSRLS';
    END IF;
END
$$;

-- Report what the bootstrap left behind.
SELECT rolname, rolcanlogin, rolinherit, rolbypassrls, rolsuper
FROM pg_roles
WHERE rolname IN ('ktp_app', 'ktp_system', current_user)
ORDER BY rolname;
