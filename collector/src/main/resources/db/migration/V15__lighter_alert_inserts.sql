-- Every alert insert paid for two foreign-key checks and an index nothing reads (bench/README.md, issue 14).
-- The foreign keys: an upload's insert joins each alert to its collar and that collar's hub in the same statement
-- (ingest/AlertRows), so an alert can only be stored for a collar registered to the uploading hub; collars and
-- hubs are never deleted (a hub is revoked, a collar re-paired). Each check also locked the parent collar and hub
-- rows (FOR KEY SHARE), a write to their pages for every alert received.
ALTER TABLE alerts DROP CONSTRAINT alerts_hub_id_fkey;
ALTER TABLE alerts DROP CONSTRAINT alerts_collar_id_fkey;
-- Nothing queries alerts by received_at alone: the console lists by arrival (alerts_arrival), the storm checks use
-- their own partial indexes on (fleet key, received_at).
DROP INDEX alerts_received;
-- The firmware storm index held an entry for every low-activity alert without a reported firmware, which the storm
-- check (collar_firmware = ?) never reads; the hub-model one already left those out.
DROP INDEX alerts_storm;
CREATE INDEX alerts_storm ON alerts (collar_firmware, received_at)
    WHERE kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND collar_firmware IS NOT NULL;
