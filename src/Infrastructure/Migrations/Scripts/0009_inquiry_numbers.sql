-- Inquiry numbers count per tenant and are carried in the registration event, so a rebuilt read model
-- never renumbers. The registering transaction takes the next number from this counter row (its lock
-- orders one tenant's registrations; a rolled-back registration gives its number back).
CREATE TABLE inquiry_numbers (
  tenant_id   uuid PRIMARY KEY DEFAULT ktp_current_tenant() REFERENCES tenants,
  last_number bigint NOT NULL CHECK (last_number >= 0)
);
SELECT ktp_enable_tenant_rls('inquiry_numbers', 'SELECT, INSERT, UPDATE');

-- Numbers given so far (one identity across tenants) stay what people know; each tenant counts on from its highest.
INSERT INTO inquiry_numbers (tenant_id, last_number) SELECT tenant_id, max(number) FROM inquiries GROUP BY tenant_id;
ALTER TABLE inquiries ALTER COLUMN number DROP IDENTITY;
DROP INDEX inquiries_number;
CREATE UNIQUE INDEX inquiries_number ON inquiries (tenant_id, number);
