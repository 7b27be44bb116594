-- Fleet storms by hub model as well as by collar firmware. Hubs report their model with each upload; an alert keeps
-- the model its hub reported, as it keeps the collar's firmware.
ALTER TABLE hubs ADD COLUMN model TEXT;
CREATE INDEX hubs_model ON hubs (model) WHERE model IS NOT NULL;
ALTER TABLE alerts ADD COLUMN hub_model TEXT;
CREATE INDEX alerts_storm_hub_model ON alerts (hub_model, received_at)
    WHERE kind = 'LOW_ACTIVITY' AND state = 'FIRING' AND hub_model IS NOT NULL;

-- An incident names the fleet it concerns: a collar firmware or a hub model, and which one.
ALTER TABLE incidents RENAME COLUMN firmware TO fleet_key;
ALTER TABLE incidents ADD COLUMN fleet TEXT NOT NULL DEFAULT 'FIRMWARE' CHECK (fleet IN ('FIRMWARE', 'HUB_MODEL'));
ALTER TABLE incidents ALTER COLUMN fleet DROP DEFAULT;
DROP INDEX incidents_one_open;
CREATE UNIQUE INDEX incidents_one_open ON incidents (fleet, fleet_key) WHERE status = 'OPEN';
