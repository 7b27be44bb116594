-- The alerts table is the triage queue: workers of every collector instance claim RECEIVED rows in arrival order
-- with FOR UPDATE SKIP LOCKED. This partial index holds only the waiting ones, so a claim never scans decided alerts;
-- it replaces alerts_unprocessed, which indexed the same rows by status alone.
CREATE INDEX alerts_waiting ON alerts (arrival) WHERE status = 'RECEIVED';
DROP INDEX alerts_unprocessed;
-- No trigger notifies arrivals: a NOTIFY makes its transaction commit under a global lock, one at a time, which
-- took single-alert uploads from about 3,200 to about 840 per second (pgbench, bench/README.md). The collector that
-- stores an upload wakes its own workers in process and tells the other instances with at most one NOTIFY every
-- 50 ms (ingest/AlertArrivals).
