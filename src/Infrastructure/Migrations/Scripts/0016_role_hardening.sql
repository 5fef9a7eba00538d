-- The app role serves requests: it may create its own tenant row and change its name, language and state (billing
-- suspends and resumes in the request's transaction), but never what makes a tenant privileged (kind) nor its
-- identity (tenant_id, slug) once created. The platform tenant is created through the system role.
REVOKE INSERT, UPDATE ON tenants FROM ktp_app;
GRANT INSERT (tenant_id, slug, name, culture) ON tenants TO ktp_app;
GRANT UPDATE (name, culture, state) ON tenants TO ktp_app;

-- Whoever reads the Data Protection keys can forge any sign-in: only the system role (the key ring) touches them.
REVOKE ALL ON data_protection_keys FROM ktp_app;
