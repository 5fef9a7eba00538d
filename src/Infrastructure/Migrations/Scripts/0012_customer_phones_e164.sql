-- Customers' phones in E.164 (+79161234567), as registration now stores them (CustomerPhones, libphonenumber),
-- so a lookup by any written form of the number finds the customers registered before.
-- Rewrites what plainly is a phone: a "+" and 8 to 15 digits keeps its country code; 11 digits from 7 or 8, or 10
-- digits, are Russian numbers (the default region). Anything else (extensions, words) stays as written.
-- Every tenant's rows: the owner lifts the forced row-level security for this one statement.
ALTER TABLE customers NO FORCE ROW LEVEL SECURITY;
UPDATE customers c SET phone = n.e164
FROM (
  SELECT customer_id, tenant_id,
         CASE
           WHEN trim(phone) LIKE '+%' AND length(d) BETWEEN 8 AND 15 THEN '+' || d
           WHEN length(d) = 11 AND left(d, 1) IN ('7', '8') THEN '+7' || right(d, 10)
           WHEN length(d) = 10 THEN '+7' || d
         END AS e164
  FROM (SELECT customer_id, tenant_id, phone, regexp_replace(phone, '\D', '', 'g') AS d FROM customers
        WHERE phone IS NOT NULL AND phone ~ '^[\s0-9+()\-.]+$') p
) n
WHERE c.tenant_id = n.tenant_id AND c.customer_id = n.customer_id AND n.e164 IS NOT NULL AND c.phone <> n.e164;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
