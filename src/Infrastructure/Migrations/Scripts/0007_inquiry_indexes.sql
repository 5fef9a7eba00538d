-- Inquiry indexes for volume (measured with bench/run.sh inquiries: 1,000,000 inquiries over 1,000 tenants,
-- the biggest with ~134,000; see bench/README.md). Tenant first, like every index of a tenant table.

-- Queue page (InquiryQueries.QueueAsync), take next (InquiryWork.TakeNextAsync) and the queue counters
-- (InquiryQueries.QueuesAsync). Ordered as the page and take-next read it (most urgent deadline first, then the
-- oldest), so LIMIT stops after the page's rows and the customer join runs for those rows only instead of the
-- whole queue; sla_breached is included so the counters are an index-only scan. Replaces the registered_at-ordered
-- index of 0005, which no query reads in that order.
DROP INDEX inquiries_queue;
CREATE INDEX inquiries_queue ON inquiries (tenant_id, project_id, queue_code, sla_due_at, registered_at)
  INCLUDE (sla_breached) WHERE status = 'Waiting';

-- Searching a project's inquiries by topic over a registration period, newest first. Status, priority and channel
-- are key columns after the date so the index itself rejects rows that do not match them (with or without those
-- filters, and for several statuses at once); only matching rows are read from the table, where the remaining
-- filters (attribute values) are checked.
CREATE INDEX inquiries_topic ON inquiries (tenant_id, project_id, topic_id, registered_at DESC, status, priority, channel);
