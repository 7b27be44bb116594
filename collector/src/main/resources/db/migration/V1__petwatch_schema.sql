-- Customers, their pets, the collars the pets wear and the hubs that forward the collars' alerts.
CREATE TABLE customers (
    id            TEXT PRIMARY KEY,
    first_name    TEXT        NOT NULL,
    last_name     TEXT        NOT NULL,
    phone         TEXT        NOT NULL,
    email         TEXT,
    loyalty_score INTEGER     NOT NULL DEFAULT 50 CHECK (loyalty_score BETWEEN 0 AND 100),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE hubs (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT REFERENCES customers (id),
    -- Only a SHA-256 of the hub's token is kept.
    token_sha256 TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE pets (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    species     TEXT NOT NULL CHECK (species IN ('dog', 'cat', 'other')),
    breed       TEXT,
    sex         TEXT NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'unknown')),
    birth_date  DATE
);

CREATE TABLE collars (
    id     TEXT PRIMARY KEY,
    pet_id TEXT REFERENCES pets (id),
    hub_id TEXT NOT NULL REFERENCES hubs (id)
);
CREATE INDEX collars_pet ON collars (pet_id);

-- Every alert a hub delivered, exactly once (alert_id is the hubs' idempotency key).
CREATE TABLE alerts (
    alert_id        TEXT PRIMARY KEY,
    hub_id          TEXT        NOT NULL REFERENCES hubs (id),
    collar_id       TEXT        NOT NULL REFERENCES collars (id),
    kind            TEXT        NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    severity        TEXT        NOT NULL,
    window_start    TIMESTAMPTZ NOT NULL,
    window_end      TIMESTAMPTZ NOT NULL,
    detected_at     TIMESTAMPTZ NOT NULL,
    raised_at       TIMESTAMPTZ,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    detector        TEXT        NOT NULL,
    detector_params JSONB       NOT NULL,
    summary         TEXT        NOT NULL,
    activity_ratio  REAL,
    worn_coverage   REAL,
    -- The alert exactly as received, evidence included.
    payload         BYTEA       NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'RECEIVED'
        CHECK (status IN ('RECEIVED', 'TRIAGED', 'UNMATCHED', 'FAILED')),
    status_reason   TEXT,
    processed_at    TIMESTAMPTZ
);
CREATE INDEX alerts_received ON alerts (received_at DESC);
CREATE INDEX alerts_unprocessed ON alerts (status) WHERE status = 'RECEIVED';

-- One case per episode (collar, kind, episode start): repeated or re-driven alerts never open a second one.
CREATE TABLE outreach_cases (
    id              BIGSERIAL PRIMARY KEY,
    opened_by_alert TEXT        NOT NULL UNIQUE REFERENCES alerts (alert_id),
    customer_id     TEXT        NOT NULL REFERENCES customers (id),
    pet_id          TEXT        NOT NULL REFERENCES pets (id),
    collar_id       TEXT        NOT NULL REFERENCES collars (id),
    kind            TEXT        NOT NULL,
    episode_start   TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL
        CHECK (status IN ('AWAITING_OWNER', 'ESCALATED', 'RESOLVED', 'CLOSED')),
    decision        TEXT        NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    escalate_at     TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ,
    outcome         TEXT,
    UNIQUE (collar_id, kind, episode_start)
);
CREATE INDEX cases_customer ON outreach_cases (customer_id);

-- Every message sent (or attempted) for a case; at most one per case and template.
CREATE TABLE messages (
    id           BIGSERIAL PRIMARY KEY,
    case_id      BIGINT      NOT NULL REFERENCES outreach_cases (id),
    customer_id  TEXT        NOT NULL REFERENCES customers (id),
    channel      TEXT        NOT NULL DEFAULT 'SMS',
    recipient    TEXT        NOT NULL,
    template     TEXT        NOT NULL,
    body         TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('SENT', 'FAILED')),
    provider_ref TEXT,
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (case_id, template)
);
CREATE INDEX messages_customer_time ON messages (customer_id, created_at);
