-- The escalation level an open inquiry has reached on its current deadline (0: none), for the monitoring page.
-- Written by the inline inquiry projection; the table keeps its row-level security from 0005.
ALTER TABLE inquiries ADD COLUMN sla_escalation_level int NOT NULL DEFAULT 0;
