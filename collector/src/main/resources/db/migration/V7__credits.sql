-- Compensation (such as a free teletriage credit): every grant is recorded; above the configured cap a supervisor
-- must approve it before it counts.
CREATE TABLE credits (
    id           BIGSERIAL PRIMARY KEY,
    case_id      BIGINT      NOT NULL REFERENCES outreach_cases (id),
    customer_id  TEXT        NOT NULL REFERENCES customers (id),
    amount_cents INTEGER     NOT NULL CHECK (amount_cents > 0),
    reason       TEXT        NOT NULL,
    granted_by   TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('GRANTED', 'PENDING_APPROVAL', 'APPROVED', 'DECLINED')),
    decided_by   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_at   TIMESTAMPTZ
);
CREATE INDEX credits_case ON credits (case_id);
-- The automation offers one teletriage credit per escalated case.
CREATE UNIQUE INDEX credits_one_automatic ON credits (case_id) WHERE granted_by = 'automation';
