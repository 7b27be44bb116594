-- Issue 5: what the vet-triage playbook needs to know about customers, to remember about cases, and to audit.

-- Customers: where they live (for quiet hours), when not to text them, and consent per channel.
ALTER TABLE customers
    ADD COLUMN time_zone   TEXT    NOT NULL DEFAULT 'UTC',
    ADD COLUMN quiet_hours TEXT,
    ADD COLUMN sms_consent BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN phone_e164  TEXT GENERATED ALWAYS AS (regexp_replace(phone, '[^0-9+]', '', 'g')) STORED;
CREATE INDEX customers_phone ON customers (phone_e164);

-- Cases: the owner may answer; an agent takes over on escalation and records the outcome.
ALTER TABLE outreach_cases DROP CONSTRAINT outreach_cases_status_check;
ALTER TABLE outreach_cases
    ADD CONSTRAINT outreach_cases_status_check
        CHECK (status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'RESOLVED', 'CLOSED')),
    ADD COLUMN severity       TEXT,
    ADD COLUMN detector       TEXT,
    ADD COLUMN escalate_after INTERVAL,
    ADD COLUMN responded_at   TIMESTAMPTZ,
    ADD COLUMN escalated_at   TIMESTAMPTZ,
    ADD COLUMN outcome_by     TEXT;
-- The escalation timer's work list.
CREATE INDEX cases_due ON outreach_cases (escalate_at) WHERE status = 'AWAITING_OWNER';

-- Messages leave through this table (a transactional outbox): QUEUED in the same transaction as the decision,
-- then SENT by the relay; a failed send stays QUEUED (with its error) for the next attempt.
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE messages
    ADD CONSTRAINT messages_status_check CHECK (status IN ('QUEUED', 'SENT', 'FAILED')),
    ADD COLUMN send_after    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN claimed_until TIMESTAMPTZ,
    ADD COLUMN attempts      INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN sent_at       TIMESTAMPTZ,
    ADD COLUMN reason        TEXT;
CREATE INDEX messages_queued ON messages (send_after) WHERE status = 'QUEUED';

-- What owners texted back (provider message ids make the webhook idempotent).
CREATE TABLE inbound_messages (
    id           BIGSERIAL PRIMARY KEY,
    provider_sid TEXT        NOT NULL UNIQUE,
    from_number  TEXT        NOT NULL,
    body         TEXT        NOT NULL,
    customer_id  TEXT REFERENCES customers (id),
    case_id      BIGINT REFERENCES outreach_cases (id),
    keyword      TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Audit: every automated decision and every human action on a case, in order.
CREATE TABLE case_events (
    id      BIGSERIAL PRIMARY KEY,
    case_id BIGINT      NOT NULL REFERENCES outreach_cases (id),
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    kind    TEXT        NOT NULL,
    detail  TEXT        NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Loyalty changes, each with its reason.
CREATE TABLE loyalty_changes (
    id          BIGSERIAL PRIMARY KEY,
    customer_id TEXT        NOT NULL REFERENCES customers (id),
    case_id     BIGINT REFERENCES outreach_cases (id),
    delta       INTEGER     NOT NULL,
    score_after INTEGER     NOT NULL,
    reason      TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- False alarms fed back to detection, per collar and detector.
CREATE TABLE detection_labels (
    id        BIGSERIAL PRIMARY KEY,
    collar_id TEXT        NOT NULL REFERENCES collars (id),
    detector  TEXT        NOT NULL,
    alert_id  TEXT        NOT NULL REFERENCES alerts (alert_id),
    label     TEXT        NOT NULL CHECK (label IN ('FALSE_ALARM', 'CONFIRMED')),
    case_id   BIGINT REFERENCES outreach_cases (id),
    at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (alert_id)
);
