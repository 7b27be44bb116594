-- Which instance runs a periodic sweep: every instance ticks, the one whose UPDATE moves started_at runs it, so the
-- parcels are swept once per interval however many collectors share the database.
CREATE TABLE sweep_turns (
    name       TEXT PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL
);
INSERT INTO sweep_turns (name, started_at) VALUES ('parcels', '-infinity');
