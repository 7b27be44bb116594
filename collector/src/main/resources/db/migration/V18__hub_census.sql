-- Hubs report the collars they heard from lately, counted by firmware, about once an hour (petwatch.v1.HubCensus).
-- A fleet storm is judged against these counts: a fleet is every active collar, not only the collars that alerted.
ALTER TABLE hubs ADD COLUMN census_at TIMESTAMPTZ;

-- Each hub's newest census only: a new one replaces it whole.
CREATE TABLE hub_census (
    hub_id   TEXT    NOT NULL REFERENCES hubs (id),
    firmware TEXT    NOT NULL,
    collars  INTEGER NOT NULL CHECK (collars >= 0),
    PRIMARY KEY (hub_id, firmware)
);
CREATE INDEX hub_census_firmware ON hub_census (firmware);
