-- A/B testing of scripts: each case remembers the variant (or holdout group) its customer was in.
ALTER TABLE outreach_cases DROP CONSTRAINT outreach_cases_status_check;
ALTER TABLE outreach_cases
    ADD CONSTRAINT outreach_cases_status_check
        CHECK (status IN ('AWAITING_OWNER', 'OWNER_RESPONDED', 'ESCALATED', 'RESOLVED', 'CLOSED', 'HOLDOUT')),
    ADD COLUMN variant TEXT NOT NULL DEFAULT 'base';
CREATE INDEX cases_opened ON outreach_cases (opened_at);
