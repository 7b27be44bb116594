-- A provider channel (SMS, EMAIL, PUSH) whose credentials the provider rejected (401/403) is DOWN for every collector
-- instance: none sends on it until retry_at, when one message probes it; the operator sees why and since when.
CREATE TABLE channel_status (
    channel  TEXT        PRIMARY KEY CHECK (channel IN ('SMS', 'EMAIL', 'PUSH')),
    status   TEXT        NOT NULL CHECK (status IN ('UP', 'DOWN')),
    reason   TEXT,
    since    TIMESTAMPTZ NOT NULL,
    retry_at TIMESTAMPTZ
);
INSERT INTO channel_status (channel, status, since) VALUES ('SMS', 'UP', now()), ('EMAIL', 'UP', now()),
                                                           ('PUSH', 'UP', now());
-- Every change of a channel's state, for operators: when it went down, why, and when it came back.
CREATE TABLE channel_events (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel TEXT        NOT NULL REFERENCES channel_status (channel),
    status  TEXT        NOT NULL,
    reason  TEXT        NOT NULL,
    at      TIMESTAMPTZ NOT NULL
);
