-- Fleet storms: when an unusual share of one firmware's collars start firing low-activity alerts together, owner
-- outreach for them is held and an engineering incident is opened instead.
ALTER TABLE alerts ADD COLUMN collar_firmware TEXT;
ALTER TABLE collars ADD COLUMN firmware TEXT;
CREATE INDEX collars_firmware ON collars (firmware);
CREATE INDEX alerts_storm ON alerts (collar_firmware, received_at) WHERE kind = 'LOW_ACTIVITY' AND state = 'FIRING';

CREATE TABLE incidents (
    id          BIGSERIAL PRIMARY KEY,
    firmware    TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('OPEN', 'RELEASED', 'DISCARDED')),
    reason      TEXT        NOT NULL,
    opened_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_by  TEXT,
    decided_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX incidents_one_open ON incidents (firmware) WHERE status = 'OPEN';

ALTER TABLE outreach_cases DROP CONSTRAINT outreach_cases_status_check;
ALTER TABLE outreach_cases
    ADD CONSTRAINT outreach_cases_status_check CHECK (status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED',
        'RESOLVED', 'CLOSED', 'HOLDOUT', 'HELD')),
    ADD COLUMN incident_id BIGINT REFERENCES incidents (id);
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'HELD'));

-- A pet whose outreach is held still has an open conversation: later alerts group into it.
DROP INDEX cases_open_by_pet;
CREATE INDEX cases_open_by_pet ON outreach_cases (pet_id, opened_at DESC)
    WHERE status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'HELD');
