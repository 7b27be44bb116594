-- The retailer's other signals (issue 18): payments, parcels and survey answers as their sources sent them, verified
-- and stored once per source event; detection turns them into triggers that wait on the same triage queue (alerts)
-- and open the same kind of case as a collar's alert. One engine: no queue, case or message table per signal.

-- How the retailer's other systems name a customer: a Stripe customer id, a parcel's tracking code, a survey
-- respondent. Written by the CRM import and the CRM API; read when a signal arrives, to join it to the customer.
CREATE TABLE customer_refs (
    system      TEXT        NOT NULL CHECK (system IN ('stripe', 'parcel', 'survey')),
    external_id TEXT        NOT NULL,
    customer_id TEXT        NOT NULL REFERENCES customers (id),
    -- What the source does not say but detection needs (a parcel's destination country, its label's time).
    details     JSONB       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (system, external_id)
);
CREATE INDEX customer_refs_customer ON customer_refs (customer_id);

-- Every verified signal event, once per (source, event id): a re-delivered or replayed event is not stored again.
-- An event for a customer nobody knows is kept, with the reason, so it can be joined once the CRM knows them.
CREATE TABLE signal_events (
    id               BIGSERIAL PRIMARY KEY,
    source           TEXT        NOT NULL,  -- stripe, easypost, aftership, survey
    event_id         TEXT        NOT NULL,  -- the source's own id (Stripe evt_..., EasyPost evt_..., a response id)
    event_type       TEXT        NOT NULL,  -- invoice.payment_failed, customer.subscription.updated, tracker.updated...
    signal           TEXT        NOT NULL CHECK (signal IN ('PAYMENT', 'DELIVERY', 'SURVEY')),
    -- What the event is about, across its events: a subscription, a tracking code, a survey response.
    subject          TEXT        NOT NULL,
    customer_id      TEXT REFERENCES customers (id),
    unmatched_reason TEXT,
    occurred_at      TIMESTAMPTZ NOT NULL,  -- the source's event time: detection runs on it
    received_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    via              TEXT        NOT NULL CHECK (via IN ('WEBHOOK', 'KAFKA')),
    -- The event exactly as received (the signed bytes, as text), and the normalised fields detection reads.
    payload          TEXT        NOT NULL,
    facts            JSONB       NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'RECEIVED'
        CHECK (status IN ('RECEIVED', 'DETECTED', 'UNMATCHED', 'FAILED')),
    status_reason    TEXT,
    processed_at     TIMESTAMPTZ,
    UNIQUE (source, event_id),
    CONSTRAINT signal_events_joined CHECK ((customer_id IS NULL) = (unmatched_reason IS NOT NULL))
);
CREATE INDEX signal_events_waiting ON signal_events (id) WHERE status = 'RECEIVED';
CREATE INDEX signal_events_subject ON signal_events (signal, subject, occurred_at);
CREATE INDEX signal_events_customer ON signal_events (customer_id, occurred_at) WHERE customer_id IS NOT NULL;

-- A trigger detected from signals waits on the alerts table like a collar's alert, with a customer and a subject
-- instead of a hub and a collar.
ALTER TABLE alerts
    ALTER COLUMN hub_id DROP NOT NULL,
    ALTER COLUMN collar_id DROP NOT NULL,
    ADD COLUMN source TEXT NOT NULL DEFAULT 'hub',
    ADD COLUMN customer_id TEXT,
    ADD COLUMN subject TEXT,
    ADD CONSTRAINT alerts_origin CHECK (
        (source = 'hub' AND hub_id IS NOT NULL AND collar_id IS NOT NULL)
        OR (source <> 'hub' AND customer_id IS NOT NULL AND subject IS NOT NULL));

-- A case is about a pet (a collar's alert) or about a customer's payment, parcel or survey answer (a subject).
-- signal: COLLAR, PAYMENT, DELIVERY, SURVEY; rule: the playbook rule that fired (what calibration groups by).
ALTER TABLE outreach_cases
    ALTER COLUMN pet_id DROP NOT NULL,
    ALTER COLUMN collar_id DROP NOT NULL,
    ADD COLUMN signal TEXT NOT NULL DEFAULT 'COLLAR'
        CHECK (signal IN ('COLLAR', 'PAYMENT', 'DELIVERY', 'SURVEY')),
    ADD COLUMN subject TEXT,
    ADD COLUMN rule TEXT,
    ADD CONSTRAINT cases_about CHECK ((signal = 'COLLAR') = (collar_id IS NOT NULL AND subject IS NULL));
-- One case per customer, trigger kind and subject, as one per collar, kind and episode for collars.
CREATE UNIQUE INDEX cases_signal_subject ON outreach_cases (customer_id, kind, subject) WHERE subject IS NOT NULL;
