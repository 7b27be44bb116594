-- The alerts table is the triage queue: workers of every collector instance claim RECEIVED rows in arrival order
-- with FOR UPDATE SKIP LOCKED. This partial index holds only the waiting ones, so a claim never scans decided alerts.
CREATE INDEX alerts_waiting ON alerts (arrival) WHERE status = 'RECEIVED';

-- Wakes the triage workers of every instance when alerts are stored. PostgreSQL delivers a notification at commit
-- and folds repeats within one transaction into one; a statement trigger sends one per upload, not one per alert.
CREATE FUNCTION notify_alerts_received() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('petwatch_alerts', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER alerts_received AFTER INSERT ON alerts FOR EACH STATEMENT EXECUTE FUNCTION notify_alerts_received();
