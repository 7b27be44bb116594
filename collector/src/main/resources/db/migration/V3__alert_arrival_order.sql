-- The order in which alerts reached the collector, even within one upload (received_at is the transaction's
-- time, the same for a whole batch): lets anyone check that a hub's backlog arrived in order per collar.
ALTER TABLE alerts ADD COLUMN arrival BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX alerts_arrival ON alerts (arrival DESC);
