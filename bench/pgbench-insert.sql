-- pgbench baseline for bench/run.sh: one durable one-row INSERT per transaction (table: pgbench-setup.sql).
INSERT INTO bench_insert (payload) VALUES ('{"itemId": "5b0c4bbf-1c5e-4f7e-9d59-7f6a3c1d2e40", "amount": 2, "note": "recorded by the benchmark"}');
