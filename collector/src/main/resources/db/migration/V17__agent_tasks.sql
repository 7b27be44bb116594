-- A person must look at an owner's reply: it was worried, asked for help, or could not be read (issue 15). One open
-- task per case (a second reply updates it); a reply with no case of its own (a shared number, say) is a task on
-- its own. The agents' queue is the escalated cases and the open tasks.
CREATE TABLE agent_tasks (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT REFERENCES outreach_cases (id),
    customer_id TEXT REFERENCES customers (id),
    from_number TEXT        NOT NULL,
    reason      TEXT        NOT NULL CHECK (reason IN ('WORRIED', 'HELP', 'UNCLEAR', 'SHARED_NUMBER')),
    reply       TEXT        NOT NULL,
    inbound_id  BIGINT      NOT NULL REFERENCES inbound_messages (id),
    opened_at   TIMESTAMPTZ NOT NULL,
    done_at     TIMESTAMPTZ,
    done_by     TEXT
);
CREATE UNIQUE INDEX agent_tasks_one_open_per_case ON agent_tasks (case_id) WHERE done_at IS NULL;
CREATE INDEX agent_tasks_open ON agent_tasks (opened_at) WHERE done_at IS NULL;

-- What each reply was read as, and the words that decided it.
ALTER TABLE inbound_messages ADD COLUMN meaning TEXT;
ALTER TABLE inbound_messages ADD COLUMN meaning_cues TEXT;

-- Closing a case cancels what it had not yet handed to a provider (a text waiting for quiet hours to end, a
-- fallback): a pet that recovered must not get the alarm afterwards.
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages ADD CONSTRAINT messages_status_check
    CHECK (status IN ('QUEUED', 'SENT', 'FAILED', 'HELD', 'CANCELLED'));
