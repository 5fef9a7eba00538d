-- The table pgbench-insert.sql writes to: a sequence-numbered row with a small JSON payload, like an event row.
CREATE TABLE bench_insert (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL
);
